using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>The runner installed as users install it — `dotnet tool install` from the run's package feed — and run as a process.</summary>
internal static class RunnerTool
{
    private static readonly Lock Gate = new();
    private static string? _toolPath;

    /// <summary>The folder <c>dotnet tool install --tool-path</c> installed the runner into (the command and its <c>.store</c>).</summary>
    public static string ToolPath => Installed();

    public static ProcessResult Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Installed(), "tenantmodels")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Installed()
    {
        lock (Gate)
        {
            if (_toolPath is null)
            {
                var tools = Path.Combine(SdkFixture.Root, "tools");
                var install = DotnetCli.Run(SdkFixture.Root, SdkFixture.Environment,
                    "tool", "install", "TenantModels.Runner", "--version", "0.1.0", "--tool-path", tools);
                if (!install.Succeeded)
                {
                    throw new System.InvalidOperationException("dotnet tool install TenantModels.Runner failed:\n" + install.Output);
                }

                _toolPath = tools;
            }

            return _toolPath;
        }
    }
}
