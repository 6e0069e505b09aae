using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Editor.Tests;

/// <summary>
/// Red Hat's yaml-language-server (the server behind VS Code's YAML extension) in its own process, opened on one
/// workspace folder with the <c>yaml.schemas</c> settings an editor would send.
/// </summary>
internal sealed class YamlLanguageServer : IAsyncDisposable
{
    /// <summary>Where tests/run.sh installs the server; TENANTMODELS_YAML_LANGUAGE_SERVER_DIR overrides it.</summary>
    public static string InstallDirectory =>
        Environment.GetEnvironmentVariable("TENANTMODELS_YAML_LANGUAGE_SERVER_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tenantmodels", "yaml-language-server");

    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly LspConnection _connection;
    private readonly Task<string> _stderr;
    private readonly Dictionary<string, int> _versions = new();

    private YamlLanguageServer(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _connection = new LspConnection(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
    }

    /// <summary>Starts the server on <paramref name="workspaceFolder"/> and sends it <paramref name="settings"/> (a VS Code settings.json object).</summary>
    public static async Task<YamlLanguageServer> StartAsync(string workspaceFolder, JsonObject settings)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerScript());
        start.ArgumentList.Add("--stdio");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Node.js (node) is needed to run yaml-language-server and could not be started: {e.Message}. tests/run.sh installs it; on Debian: apt-get install nodejs npm.");
            throw;
        }

        var server = new YamlLanguageServer(process);

        // The "yaml" section as VS Code sends it: the settings.json keys without their "yaml." prefix.
        var yaml = new JsonObject { ["validate"] = true, ["completion"] = true, ["hover"] = true };
        foreach (var (key, value) in settings)
        {
            if (key.StartsWith("yaml.", StringComparison.Ordinal))
            {
                yaml[key["yaml.".Length..]] = value?.DeepClone();
            }
        }

        server._connection.ServerRequestHandler = (method, parameters) => method switch
        {
            // One answer per requested item: the whole yaml section for "yaml", nothing for the others.
            "workspace/configuration" => new JsonArray(((JsonArray?)parameters?["items"] ?? new JsonArray())
                .Select(item => (string?)item?["section"] == "yaml" ? yaml.DeepClone() : null).ToArray()),
            _ => null,
        };

        var root = new Uri(Path.GetFullPath(workspaceFolder)).AbsoluteUri;
        await server._connection.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = Path.GetFileName(workspaceFolder) }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["completion"] = new JsonObject { ["completionItem"] = new JsonObject { ["snippetSupport"] = true, ["documentationFormat"] = new JsonArray("markdown", "plaintext") } },
                    ["hover"] = new JsonObject { ["contentFormat"] = new JsonArray("markdown", "plaintext") },
                    ["publishDiagnostics"] = new JsonObject(),
                },
            },
        });
        await server._connection.NotifyAsync("initialized", new JsonObject());
        await server._connection.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["yaml"] = yaml.DeepClone() } });
        return server;
    }

    /// <summary>Opens a file as the editor does (its text from disk) and waits for the diagnostics published for that text.</summary>
    public async Task<IReadOnlyList<LspDiagnostic>> OpenAsync(string path) => await ShowAsync(path, File.ReadAllText(path));

    /// <summary>Replaces the open file's text (an edit not yet saved) and waits for the diagnostics of the new text.</summary>
    public async Task<IReadOnlyList<LspDiagnostic>> ShowAsync(string path, string text)
    {
        var uri = Uri(path);
        var mark = _connection.NotificationMark;
        int version;
        if (_versions.TryGetValue(uri, out var previous))
        {
            version = previous + 1;
            await _connection.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
            });
        }
        else
        {
            version = 1;
            await _connection.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = version, ["text"] = text },
            });
        }

        _versions[uri] = version;
        // Diagnostics carry the version they were computed for; older publications may still arrive.
        var published = await _connection.WaitForNotificationAsync(
            "textDocument/publishDiagnostics",
            p => (string?)p?["uri"] == uri && ((int?)p?["version"] ?? version) == version,
            mark,
            DiagnosticsTimeout);
        return ((JsonArray)published["params"]!["diagnostics"]!).Select(d => LspDiagnostic.From(d!)).ToList();
    }

    /// <summary>The completion items at a zero-based line and character of an open file.</summary>
    public async Task<IReadOnlyList<LspCompletion>> CompleteAsync(string path, int line, int character)
    {
        var result = await _connection.RequestAsync("textDocument/completion", Position(path, line, character));
        var items = result switch
        {
            JsonArray array => array,
            JsonObject list => (JsonArray?)list["items"] ?? new JsonArray(),
            _ => new JsonArray(),
        };
        return items.Select(i => LspCompletion.From(i!)).ToList();
    }

    /// <summary>The hover text at a zero-based line and character of an open file; empty when there is none.</summary>
    public async Task<string> HoverAsync(string path, int line, int character)
    {
        var result = await _connection.RequestAsync("textDocument/hover", Position(path, line, character));
        return result?["contents"] switch
        {
            JsonObject markup => (string?)markup["value"] ?? string.Empty,
            JsonValue text => (string?)text ?? string.Empty,
            JsonArray parts => string.Join("\n", parts.Select(p => p is JsonObject o ? (string?)o["value"] : (string?)p)),
            _ => string.Empty,
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _connection.RequestAsync("shutdown", null);
                await _connection.NotifyAsync("exit", null);
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception) when (_process.HasExited)
        {
            // It ended on its own; nothing left to stop.
        }
        finally
        {
            _connection.Dispose();
            _process.Dispose();
        }
    }

    /// <summary>The server's stderr so far, for assertion messages (only complete once it exited).</summary>
    public string ErrorOutput => _stderr.IsCompleted ? _stderr.Result : string.Empty;

    private static string ServerScript()
    {
        var script = Path.Combine(InstallDirectory, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
        if (!File.Exists(script))
        {
            Assert.Fail(
                $"yaml-language-server is not installed at {InstallDirectory}. tests/run.sh installs it; to run these tests on their own, " +
                $"install it once with: npm install --prefix \"{InstallDirectory}\" yaml-language-server@{RequiredVersion} (Node.js and npm from your package manager, e.g. apt-get install nodejs npm).");
        }

        return script;
    }

    /// <summary>The version tests/run.sh installs; the tests assert its messages, which can change between versions.</summary>
    public const string RequiredVersion = "1.25.0";

    private JsonObject Position(string path, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri(path) },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };

    private static string Uri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}

internal sealed record LspDiagnostic(int Line, int Character, string Message, int Severity)
{
    public static LspDiagnostic From(JsonNode node) => new(
        (int)node["range"]!["start"]!["line"]!,
        (int)node["range"]!["start"]!["character"]!,
        (string)node["message"]!,
        (int?)node["severity"] ?? 1);

    public override string ToString() => $"{Line + 1}:{Character + 1} {Message}";
}

internal sealed record LspCompletion(string Label, string InsertText)
{
    public static LspCompletion From(JsonNode node) => new(
        (string)node["label"]!,
        (string?)node["insertText"] ?? (string?)node["textEdit"]?["newText"] ?? (string)node["label"]!);

    public override string ToString() => Label;
}
