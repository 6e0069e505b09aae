using System;
using System.CommandLine;
using System.Linq;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels apply</c>.</summary>
/// <param name="LockWaitSeconds">How long to wait for another runner's deployment lock before giving up.</param>
/// <param name="LockTimeoutSeconds">PostgreSQL <c>lock_timeout</c> for each transaction, so a busy table fails the unit instead of stalling it.</param>
/// <param name="StatementTimeoutSeconds">PostgreSQL <c>statement_timeout</c> for each transaction (0: none).</param>
/// <param name="Targets">A target map file: apply to several databases instead of one connection.</param>
/// <param name="Logins">A logins file: once a database is applied, its logins are created or updated (<c>logins apply</c>).</param>
/// <param name="Jobs">How many tenant transactions to run at once on one database, each on its own connection.</param>
/// <param name="Quiet">Only errors and the closing summary.</param>
/// <param name="Verbose">A line per transaction even on a terminal (what redirected output always gets).</param>
/// <param name="CreateDatabases">With a target map: create a tenant's database missing on a server target.</param>
/// <param name="Wave">Run this rollout wave of the bundle only (tenantmodels.yaml <c>waves:</c>).</param>
/// <param name="ReplaceProject">The deployed project this bundle's project replaces: without it, a bundle of another project is refused (TM3017).</param>
public sealed record ApplyOptions(
    string BundleDirectory,
    string? Connection,
    bool Json,
    int LockWaitSeconds,
    int LockTimeoutSeconds,
    int StatementTimeoutSeconds = 0,
    bool FailFast = false,
    bool AllowDataLoss = false,
    bool AllowSameVersion = false,
    string? Targets = null,
    int Parallel = 1,
    string? Logins = null,
    bool ReconcileSecurity = false,
    int Jobs = 1,
    string? ReplaceProject = null,
    SelectionArguments? Selection = null,
    bool Quiet = false,
    bool Verbose = false,
    string? Wave = null,
    bool CreateDatabases = false)
{
    public const int DefaultLockWaitSeconds = 30;
    public const int DefaultLockTimeoutSeconds = 10;

    /// <summary>Each job holds a connection: a bound keeps a typo from exhausting the server's max_connections.</summary>
    public const int MaxJobs = 64;

    internal static Command CreateCommand(Func<ApplyOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var lockWait = CommonOptions.LockWait();
        var lockTimeout = CommonOptions.Seconds("--lock-timeout", "Seconds each statement may wait for a table or view lock before its transaction fails and rolls back (0: wait forever).", DefaultLockTimeoutSeconds);
        var statementTimeout = CommonOptions.Seconds("--statement-timeout", "Seconds each statement may run before its transaction fails and rolls back (0: no limit).", 0);
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first failed transaction instead of continuing with the other tenants." };
        var allowDataLoss = new Option<bool>("--allow-data-loss") { Description = "Allow steps that drop schemas or tables (removed tenants, removed schemas)." };
        var allowSameVersion = new Option<bool>("--allow-same-version") { Description = "Allow a bundle with the deployed version but different content (a rebuilt development version)." };
        var replaceProject = CommonOptions.ReplaceProject();
        var targets = CommonOptions.Targets();
        var parallel = CommonOptions.Parallel();
        var logins = LoginsOptions.LoginsOption(required: false);
        var jobs = new Option<int>("--jobs")
        {
            Description = "Within ONE database: how many TENANT transactions to run at once, each on its own connection (tenants with only their own objects; roles, partitions and shared views stay one at a time). Not databases at once: that is --parallel, with --targets; the two multiply.",
            DefaultValueFactory = _ => 1,
        };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > MaxJobs)
            {
                r.AddError($"--jobs must be between 1 and {MaxJobs}");
            }
        });
        var selection = new SelectionOptions();
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var wave = new Option<string?>("--wave")
        {
            Description = "Run only this rollout wave of the bundle (tenantmodels.yaml `waves:`), applied and then verified. Without it a bundle with waves is rolled out wave by wave.",
        };
        var createDatabases = new Option<bool>("--create-databases")
        {
            Description = "With --targets: create each tenant's database that is missing on a server target (a connection naming no database; names from naming.database).",
        };
        var reconcile = new Option<bool>("--reconcile-security") { Description = "No longer needed, accepted so existing scripts keep working: every apply repairs the security drift verify reports." };

        var command = new Command("apply", "Apply the bundle under a deployment lock: one transaction for global artefacts, one per tenant, one for unions; record what was deployed.");
        command.Arguments.Add(bundle);
        foreach (var option in new Option[] { connection, json, lockWait, lockTimeout, statementTimeout, failFast, allowDataLoss, allowSameVersion, replaceProject, targets, parallel, logins, reconcile, jobs, quiet, verbose, wave, createDatabases }.Concat(selection.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(result => run(new ApplyOptions(
            result.GetValue(bundle)!,
            result.GetValue(connection),
            result.GetValue(json),
            result.GetValue(lockWait),
            result.GetValue(lockTimeout),
            result.GetValue(statementTimeout),
            result.GetValue(failFast),
            result.GetValue(allowDataLoss),
            result.GetValue(allowSameVersion),
            result.GetValue(targets),
            result.GetValue(parallel),
            result.GetValue(logins),
            result.GetValue(reconcile),
            result.GetValue(jobs),
            result.GetValue(replaceProject),
            selection.Read(result),
            result.GetValue(quiet),
            result.GetValue(verbose),
            result.GetValue(wave),
            result.GetValue(createDatabases))));
        CommonOptions.NotBoth(command, quiet, verbose);
        command.Validators.Add(r =>
        {
            // A wave is a selection of its own: narrowing it again would make "the wave ran" mean less than the wave.
            if (r.GetValue(createDatabases) && r.GetValue(targets) is null)
            {
                r.AddError("--create-databases needs --targets: databases are created on a target map's servers");
            }

            if (r.GetValue(wave) is not null && selection.AnyGiven(r))
            {
                r.AddError("--wave cannot be combined with --tenant, --tier or --where: a wave selects its own tenants");
            }
        });
        return command;
    }
}
