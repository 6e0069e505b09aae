using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels tenants list|show|discover|provision|remove|move</c>.</summary>
/// <param name="Targets">A target map: the command works across its databases (a fleet) instead of one connection.</param>
/// <param name="Tier">provision: the tenant's tier.</param>
/// <param name="Attributes">provision: <c>name=value</c> attribute values, typed against the registry's declarations.</param>
/// <param name="DropDatabase">remove: also drop the tenant's own database (a server target's), guarded by --allow-data-loss.</param>
public sealed record TenantsOptions(string Action, string BundleDirectory, string? Connection, bool Json, string? TenantId = null,
    string[]? Sources = null, string? Name = null, bool AllowDataLoss = false, int LockWaitSeconds = ApplyOptions.DefaultLockWaitSeconds,
    string? ThenScript = null, string[]? Variables = null, bool Quiet = false, bool Verbose = false, string? Targets = null, bool DropDatabase = false,
    string? ToNode = null, string? Tier = null, string[]? Attributes = null, int MoveTimeoutSeconds = TenantsOptions.DefaultMoveTimeoutSeconds)
{
    /// <summary>
    /// move: how long handing over the tables and moving the schemas may take, in seconds. An hour: an online move copies
    /// the tenant's rows while it runs, so it grows with the tenant; a move that waits longer than that is more likely
    /// stuck behind locks than copying.
    /// </summary>
    public const int DefaultMoveTimeoutSeconds = 3600;

    internal static Command CreateCommand(Func<TenantsOptions, int> run)
    {
        var tenants = new Command("tenants", "List, inspect, discover, provision and remove tenants.");
        tenants.Subcommands.Add(Simple("list", "The bundle's and the run-time tenants, and whether each is deployed.", run, withTenant: false));
        tenants.Subcommands.Add(Simple("show", "One tenant: its sources and every object deployed for it.", run, withTenant: true));
        tenants.Subcommands.Add(Simple("discover", "Raw schemas in the database that no bundle or run-time tenant accounts for.", run, withTenant: false));

        var provision = Base("provision", "Create a tenant at run time from the bundle's templates and add it to the canonical views, in one transaction.", out var bundle, out var connection, out var json, out var targets);
        var id = new Argument<string>("tenant-id");
        var sources = new Option<string[]>("--source") { Description = "A source the tenant has raw data for (repeatable; omit for projects whose models use no source)." };
        var name = new Option<string?>("--name") { Description = "Display name (defaults to the id)." };
        var then = new Option<string?>("--then") { Description = "An SQL file run in the same transaction once the tenant exists (e.g. its owner user); {{tenant}} is the tenant id, :'name' / :\"name\" a --var as literal / identifier." };
        var variables = new Option<string[]>("--var") { Description = "name=value for the --then script (repeatable)." };
        var tier = new Option<string?>("--tier") { Description = "The tenant's tier (for --tier selections, waves and {{ tier }} in SQL)." };
        var attributes = new Option<string[]>("--attribute") { Description = "name=value: an attribute the registry declares, typed as declared (repeatable)." };
        var lockWait = CommonOptions.LockWait();
        provision.Arguments.Add(id);
        provision.Options.Add(tier);
        provision.Options.Add(attributes);
        provision.Options.Add(lockWait);
        provision.Options.Add(sources);
        provision.Options.Add(name);
        provision.Options.Add(then);
        provision.Options.Add(variables);
        var (quiet, verbose) = QuietOrVerbose(provision);
        provision.SetAction(r => run(new TenantsOptions("provision", r.GetValue(bundle)!, r.GetValue(connection), r.GetValue(json), r.GetValue(id), r.GetValue(sources), r.GetValue(name),
            LockWaitSeconds: r.GetValue(lockWait), ThenScript: r.GetValue(then), Variables: r.GetValue(variables), Quiet: r.GetValue(quiet), Verbose: r.GetValue(verbose), Targets: r.GetValue(targets),
            Tier: r.GetValue(tier), Attributes: r.GetValue(attributes))));
        tenants.Subcommands.Add(provision);

        var remove = Base("remove", "Drop a run-time tenant's objects (never its raw data) and take it out of the canonical views; needs --allow-data-loss.", out var rb, out var rc, out var rj, out var rt);
        var rid = new Argument<string>("tenant-id");
        var allow = new Option<bool>("--allow-data-loss") { Description = "Confirm dropping the tenant's schemas." };
        var removeLockWait = CommonOptions.LockWait();
        var dropDatabase = new Option<bool>("--drop-database") { Description = "With --targets: also drop the tenant's own database on its server (naming.database); needs --allow-data-loss." };
        remove.Arguments.Add(rid);
        remove.Options.Add(allow);
        remove.Options.Add(dropDatabase);
        remove.Validators.Add(r =>
        {
            if (r.GetValue(dropDatabase) && r.GetValue(rt) is null)
            {
                r.AddError("--drop-database needs --targets: only a tenant's own database on a target map's server is dropped");
            }
        });
        remove.Options.Add(removeLockWait);
        var (removeQuiet, removeVerbose) = QuietOrVerbose(remove);
        remove.SetAction(r => run(new TenantsOptions("remove", r.GetValue(rb)!, r.GetValue(rc), r.GetValue(rj), r.GetValue(rid), AllowDataLoss: r.GetValue(allow), LockWaitSeconds: r.GetValue(removeLockWait),
            Quiet: r.GetValue(removeQuiet), Verbose: r.GetValue(removeVerbose), Targets: r.GetValue(rt), DropDatabase: r.GetValue(dropDatabase))));
        tenants.Subcommands.Add(remove);
        tenants.Subcommands.Add(Move(run));
        return tenants;
    }

    /// <summary>Citus only (docs/citus.md): a tenant's distributed schemas to another worker.</summary>
    private static Command Move(Func<TenantsOptions, int> run)
    {
        var move = Base("move", "Citus: move a tenant to another worker of the cluster: its schemas (citus_schema_move, distributing them first if they are still local), or in shared isolation its rows, in a shard group of their own (isolate_tenant_to_new_shard, citus_move_shard_placement).", out var bundle, out var connection, out var json);
        var id = new Argument<string>("tenant-id");
        var to = new Option<string>("--to") { Description = "The worker to move the tenant to, as host:port (as listed in pg_dist_node).", Required = true };
        var lockWait = CommonOptions.LockWait();
        var timeout = new Option<int>("--timeout")
        {
            Description = $"Seconds the move may take (handing over the tables and copying them) before it is cancelled and rolled back (default {DefaultMoveTimeoutSeconds}).",
            DefaultValueFactory = _ => DefaultMoveTimeoutSeconds,
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--timeout must be a positive number of seconds");
            }
        });
        move.Arguments.Add(id);
        move.Options.Add(to);
        move.Options.Add(lockWait);
        move.Options.Add(timeout);
        var (quiet, verbose) = QuietOrVerbose(move);
        move.SetAction(r => run(new TenantsOptions("move", r.GetValue(bundle)!, r.GetValue(connection), r.GetValue(json), r.GetValue(id), LockWaitSeconds: r.GetValue(lockWait),
            Quiet: r.GetValue(quiet), Verbose: r.GetValue(verbose), ToNode: r.GetValue(to), MoveTimeoutSeconds: r.GetValue(timeout))));
        return move;
    }

    /// <summary>provision and remove change the database: the same output options as apply.</summary>
    private static (Option<bool> Quiet, Option<bool> Verbose) QuietOrVerbose(Command command)
    {
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        command.Options.Add(quiet);
        command.Options.Add(verbose);
        CommonOptions.NotBoth(command, quiet, verbose);
        return (quiet, verbose);
    }

    private static Command Simple(string action, string description, Func<TenantsOptions, int> run, bool withTenant)
    {
        var command = Base(action, description, out var bundle, out var connection, out var json, out var targets);
        var id = new Argument<string>("tenant-id");
        if (withTenant)
        {
            command.Arguments.Add(id);
        }

        command.SetAction(r => run(new TenantsOptions(action, r.GetValue(bundle)!, r.GetValue(connection), r.GetValue(json), withTenant ? r.GetValue(id) : null, Targets: r.GetValue(targets))));
        return command;
    }

    private static Command Base(string action, string description, out Argument<string> bundle, out Option<string?> connection, out Option<bool> json, out Option<string?> targets)
    {
        var command = Base(action, description, out bundle, out connection, out json);
        targets = CommonOptions.Targets();
        command.Options.Add(targets);
        return command;
    }

    /// <summary>A subcommand for one database only (no <c>--targets</c>).</summary>
    private static Command Base(string action, string description, out Argument<string> bundle, out Option<string?> connection, out Option<bool> json)
    {
        var command = new Command(action, description);
        bundle = CommonOptions.BundleDirectory();
        connection = CommonOptions.Connection();
        json = CommonOptions.Json();
        command.Arguments.Add(bundle);
        command.Options.Add(connection);
        command.Options.Add(json);
        return command;
    }
}
