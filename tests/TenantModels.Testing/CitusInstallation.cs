using System;
using System.Diagnostics;
using System.IO;

namespace TenantModels.Testing;

/// <summary>
/// Makes Citus loadable by this machine's PostgreSQL through tests/citus/ensure-citus.sh: built once per machine
/// into a cache outside the repository (keyed by Citus tag and PostgreSQL version), then copied into PostgreSQL's folders.
/// </summary>
public static class CitusInstallation
{
    /// <summary>A first build takes 5–6 minutes on 2 cores; anything longer is a hung build, not a slow one.</summary>
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(30);

    /// <exception cref="InvalidOperationException">The script failed; its output is in the message.</exception>
    public static void Ensure()
    {
        var script = RepoPaths.Combine("tests", "citus", "ensure-citus.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash " + script);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BuildLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within {BuildLimit.TotalMinutes} minutes:\n{stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }

        if (stderr.Result.Length > 0)
        {
            Console.Error.Write(stderr.Result);
        }
    }
}
