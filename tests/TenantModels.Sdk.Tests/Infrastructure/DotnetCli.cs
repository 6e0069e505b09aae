using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>Runs the real <c>dotnet</c> CLI, as a user would, with an environment that cannot leak state between runs.</summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Set by the <c>dotnet test</c> host and meaningful only to it; a child <c>dotnet</c> must locate its own
    /// MSBuild and SDKs, or it could load the wrong ones.
    /// </summary>
    private static readonly string[] InheritedMsBuildVariables =
    {
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG", "MSBUILDNOINPROCNODE",
    };

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedMsBuildVariables)
        {
            start.Environment.Remove(name);
        }

        // No lingering MSBuild nodes or compiler servers after the test run; English logs so messages can be matched.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        // Both streams asynchronously: reading one synchronously can deadlock when the other fills its pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(" ", arguments)} did not finish within {Timeout}");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessResult(process.ExitCode, stdout.Result + stderr.Result);
    }
}
