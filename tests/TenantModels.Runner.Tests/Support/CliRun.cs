using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TenantModels.Runner.Tests.Support;

/// <summary>The outcome of running the real CLI in-process.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

internal static class CliRun
{
    /// <summary>Runs <c>tenantmodels</c> with only the given environment variables visible, so the machine's PG* settings cannot leak in.</summary>
    public static CliResult Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = environment ?? new Dictionary<string, string>();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = new RunnerApp(stdout, stderr, name => env.TryGetValue(name, out var value) ? value : null).Run(args);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs against a database by passing its connection string with <c>--connection</c> after the other arguments.</summary>
    public static CliResult Against(string connectionString, params string[] args) =>
        Run(null, args.Concat(new[] { "--connection", connectionString }).ToArray());

    /// <summary>All of this test process's scratch folders live under one root, deleted at assembly cleanup.</summary>
    public static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "tenantmodels-test-" + Guid.NewGuid().ToString("N"));

    public static string TempDirectory()
    {
        var path = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
