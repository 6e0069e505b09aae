using System;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary>
/// The flow plan, status and verify share: read the bundle, then run the command's per-database work once (one
/// connection) or per database of a target map, and report. Each command supplies only its per-database work and
/// what its JSON result adds.
/// </summary>
internal static class ReadOnlyCommand
{
    /// <param name="include">With a target map: which tenants live in this database; null for a single connection.</param>
    /// <param name="selection">The tenants the command is restricted to (<see cref="SelectedTarget.Narrow"/>); null: all.</param>
    public delegate TargetResult PerTarget(Bundle bundle, string target, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include, TenantSelection? selection);

    /// <summary>refresh: where its transactions are counted, whether a line is printed per transaction, <c>--quiet</c>.</summary>
    public sealed record UnitOutput(UnitProgress? Progress, bool UnitLines, bool Quiet);

    public static int Run(
        RunnerContext context,
        string command,
        (string Bundle, string? Connection, bool Json, string? Targets, int Parallel, SelectionArguments? Selection) options,
        PerTarget perTarget,
        Func<int, string?> failureStatus,
        string successStatus,
        Func<TargetResult, BundleManifest, RunResult> result,
        UnitOutput? units = null)
    {
        units ??= new UnitOutput(null, UnitLines: true, Quiet: false);
        var reporter = new Reporter(context, command, options.Json) { Quiet = units.Quiet };
        var preflight = Preflight.Run(context, reporter, options.Bundle, options.Connection, out var exitCode, needsConnection: options.Targets is null);
        if (preflight is null)
        {
            return exitCode;
        }

        var bundle = preflight.Bundle;
        if (!reporter.TrySelect(options.Selection, bundle.Manifest, out exitCode))
        {
            return exitCode;
        }

        if (options.Targets is not null)
        {
            return new TargetMapRun(context, reporter, bundle, options.Targets, options.Parallel) { Progress = units.Progress, UnitLines = units.UnitLines }
                .Run((target, output, connection, _, include) => perTarget(bundle, target, output, connection, include, reporter.Selection), failureStatus, successStatus);
        }

        var single = perTarget(bundle, preflight.Database, TargetOutput.Direct(context.Out, context.Error, quiet: options.Json || !units.UnitLines, units.Progress), preflight.ConnectionString, null, reporter.Selection);
        reporter.WriteJson(single.Status == "error"
            ? new RunResult(command, "error", single.ExitCode, Diagnostics: single.Diagnostics)
            : result(single, bundle.Manifest));
        return single.ExitCode;
    }
}
