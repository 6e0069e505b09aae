using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Options every database command shares. New instances per command: a symbol belongs to one parent.</summary>
internal static class CommonOptions
{
    public static Argument<string> BundleDirectory() => new("bundle-dir")
    {
        Description = "The bundle built by `dotnet build`: its folder (the one holding manifest.json) or its <Project>.<Version>.tmbundle file.",
    };

    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Npgsql connection string, without a password (use PGPASSWORD or ~/.pgpass). " +
            "Defaults to TENANTMODELS_CONNECTION, then the PGHOST/PGPORT/PGDATABASE/PGUSER variables.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print a machine-readable JSON result on stdout instead of text.",
    };

    public static Option<string?> Targets() => new("--targets")
    {
        Description = "Target map (JSON): tenants to connection strings, for database per tenant or many servers. Replaces --connection.",
    };

    public static Option<int> Parallel()
    {
        var option = new Option<int>("--parallel")
        {
            Description = "With --targets: how many databases to work on at once.",
            DefaultValueFactory = _ => 1,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--parallel must be 1 or more");
            }
        });
        return option;
    }

    /// <summary>
    /// The shape plan, status and verify share: a bundle, a connection or a target map, <c>--json</c>. Each keeps its
    /// own options record; only the wiring lives here.
    /// </summary>
    public static Command ReadOnlyCommand<TOptions>(
        string name,
        string description,
        Func<string, string?, bool, string?, int, TOptions> create,
        Func<TOptions, int> run)
    {
        var bundle = BundleDirectory();
        var connection = Connection();
        var json = Json();
        var targets = Targets();
        var parallel = Parallel();
        var command = new Command(name, description);
        command.Arguments.Add(bundle);
        command.Options.Add(connection);
        command.Options.Add(json);
        command.Options.Add(targets);
        command.Options.Add(parallel);
        command.SetAction(result => run(create(result.GetValue(bundle)!, result.GetValue(connection), result.GetValue(json), result.GetValue(targets), result.GetValue(parallel))));
        return command;
    }
}
