using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Testing.Browser;

/// <summary>
/// A headless Chromium started for a test class, with the DevTools protocol on a free local port. Debian's
/// <c>chromium</c> package is required: without it the browser tests fail (they never skip), saying how to install it.
/// </summary>
public sealed class Chromium : IDisposable
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>Overrides <see cref="DefaultPath"/> (another Chromium or Chrome build).</summary>
    public const string PathVariable = "TENANTMODELS_CHROMIUM";

    private readonly Process _process;
    private readonly string _profile;

    private Chromium(Process process, string profile, int port)
    {
        _process = process;
        _profile = profile;
        Port = port;
    }

    public int Port { get; }

    public static string Executable => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public static Chromium Start()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"Chromium is not installed at {Executable}: the documentation site's browser tests need it. "
                + $"Install Debian's package (sudo apt-get install -y chromium; tests/run.sh does it), or set {PathVariable} to a Chromium executable.");
        }

        var profile = Path.Combine(Path.GetTempPath(), "tenantmodels-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--hide-scrollbars", "--mute-audio", "--window-size=1600,900",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Executable);
        process.StandardOutput.ReadToEndAsync();
        var stderr = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            if (line is null)
            {
                break;
            }

            stderr.Add(line);
            const string Listening = "DevTools listening on ws://127.0.0.1:";
            var at = line.IndexOf(Listening, StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = line.Substring(at + Listening.Length);
                var port = int.Parse(rest.Substring(0, rest.IndexOf('/')), System.Globalization.CultureInfo.InvariantCulture);
                // Keep draining stderr so Chromium never blocks on a full pipe.
                _ = Task.Run(() => process.StandardError.ReadToEnd());
                return new Chromium(process, profile, port);
            }
        }

        Kill(process);
        throw new InvalidOperationException("Chromium did not open its DevTools port:\n" + string.Join("\n", stderr));
    }

    /// <summary>A fresh tab, connected over its DevTools WebSocket.</summary>
    public DevToolsPage NewPage()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{Port}/json/new?about:blank");
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return DevToolsPage.Connect(new Uri(body.RootElement.GetProperty("webSocketDebuggerUrl").GetString()!));
    }

    public void Dispose()
    {
        Kill(_process);
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits: a leftover temp folder is harmless.
        }
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
