using System;
using System.CommandLine;
using System.Linq;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels refresh</c>.</summary>
/// <param name="Selection">Refresh only these tenants' materialized views and canonical table partitions.</param>
/// <param name="Targets">A target map: refresh every database of it (at most <paramref name="Parallel"/> at once).</param>
/// <param name="Quiet">Only errors and the closing summary.</param>
/// <param name="Verbose">A line per transaction even on a terminal.</param>
/// <param name="Concurrently">REFRESH ... CONCURRENTLY: readers are not blocked (needs a unique index on the view).</param>
public sealed record RefreshOptions(
    string BundleDirectory,
    string? Connection,
    bool Json,
    SelectionArguments? Selection = null,
    bool Concurrently = false,
    bool FailFast = false,
    int LockWaitSeconds = ApplyOptions.DefaultLockWaitSeconds,
    int StatementTimeoutSeconds = 0,
    string? Targets = null,
    int Parallel = 1,
    bool Quiet = false,
    bool Verbose = false)
{
    internal static Command CreateCommand(Func<RefreshOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var targets = CommonOptions.Targets();
        var parallel = CommonOptions.Parallel();
        var selection = new SelectionOptions(withWave: true);
        var concurrently = new Option<bool>("--concurrently") { Description = "REFRESH MATERIALIZED VIEW CONCURRENTLY: readers keep reading (each view needs a unique index)." };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first tenant whose refresh fails." };
        var lockWait = CommonOptions.LockWait();
        var statementTimeout = CommonOptions.Seconds("--statement-timeout", "Seconds each refresh may run before its tenant's transaction fails (0: no limit).", 0);
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var command = new Command("refresh", "Refresh every deployed materialized view and canonical table partition, tenant by tenant in priority order, each tenant in its own transaction.");
        command.Arguments.Add(bundle);
        selection.Validate(command);
        foreach (var option in new Option[] { connection, json, targets, parallel, concurrently, failFast, lockWait, statementTimeout, quiet, verbose }.Concat(selection.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(r => run(new RefreshOptions(r.GetValue(bundle)!, r.GetValue(connection), r.GetValue(json), selection.Read(r),
            r.GetValue(concurrently), r.GetValue(failFast), r.GetValue(lockWait), r.GetValue(statementTimeout),
            r.GetValue(targets), r.GetValue(parallel), r.GetValue(quiet), r.GetValue(verbose))));
        CommonOptions.NotBoth(command, quiet, verbose);
        return command;
    }
}
