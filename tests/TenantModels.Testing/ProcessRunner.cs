using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace TenantModels.Testing;

/// <summary>Runs a program to completion and fails loudly with its output, so a broken server setup is diagnosable from the test log.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// PostgreSQL refuses to run as root; tests usually run as root in containers, so server programs run as the
    /// <c>postgres</c> OS user there and as the current user otherwise.
    /// </summary>
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static void RunAsServerUser(string program, IReadOnlyList<string> arguments)
    {
        if (IsRoot)
        {
            var wrapped = new List<string> { "-u", "postgres", "--", program };
            wrapped.AddRange(arguments);
            Run("runuser", wrapped);
        }
        else
        {
            Run(program, arguments);
        }
    }

    public static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        // Read both streams asynchronously: reading one synchronously can deadlock when the other fills its pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(" ", arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
