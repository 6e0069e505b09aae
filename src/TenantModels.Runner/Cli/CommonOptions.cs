using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

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

    public static Option<bool> Quiet() => new("--quiet", "-q")
    {
        Description = "Print only errors and the closing summary.",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Print a line per transaction even on a terminal, instead of the live progress display.",
    };

    /// <summary>--quiet and --verbose contradict each other: a usage error rather than one silently winning.</summary>
    public static void NotBoth(Command command, Option<bool> quiet, Option<bool> verbose) => command.Validators.Add(r =>
    {
        if (r.GetValue(quiet) && r.GetValue(verbose))
        {
            r.AddError("--quiet and --verbose cannot be used together");
        }
    });

    public static Option<string?> Targets() => new("--targets")
    {
        Description = "Target map (JSON): tenants to connection strings, for database per tenant or many servers. Replaces --connection.",
    };

    public static Option<string?> ReplaceProject() => new("--replace-project")
    {
        Description = "The project deployed to the database that this bundle's project replaces: without it, a bundle of another project is refused (TM3017).",
    };

    public static Option<int> Parallel()
    {
        var option = new Option<int>("--parallel")
        {
            Description = "With --targets: how many DATABASES of the map to work on at once (not tenants within one database: that is apply --jobs).",
            DefaultValueFactory = _ => 1,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--parallel must be 1 or more");
            }
            else if (!r.Implicit && r.Parent is CommandResult command
                && !command.Children.OfType<OptionResult>().Any(o => o.Option.Name == "--targets" && !o.Implicit))
            {
                // Users mix up the two: silently accepting it would let them believe tenants run in parallel.
                r.AddError("--parallel is how many databases of a target map to work on at once and needs --targets; for tenants at once within one database, use apply --jobs");
            }
        });
        return option;
    }

    /// <summary>How long to wait for another runner's deployment lock: the same option on every command that takes the lock.</summary>
    public static Option<int> LockWait() =>
        Seconds("--lock-wait", "Seconds to wait for another runner's deployment lock (0: try once).", ApplyOptions.DefaultLockWaitSeconds);

    /// <summary>A number of seconds, zero or more (a usage error otherwise).</summary>
    public static Option<int> Seconds(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError($"{name} must be zero or more seconds");
            }
        });
        return option;
    }

    /// <summary>
    /// The shape plan, status and verify share: a bundle, a connection or a target map, <c>--json</c>,
    /// <c>--replace-project</c>, the tenant selection, plus any options of the command's own (<paramref name="extra"/>, read by
    /// <paramref name="create"/> from the parse result). Each keeps its own options record; only the wiring lives here.
    /// </summary>
    public static Command ReadOnlyCommand<TOptions>(
        string name,
        string description,
        Func<ReadOnlyArguments, ParseResult, TOptions> create,
        Func<TOptions, int> run,
        params Option[] extra)
    {
        var bundle = BundleDirectory();
        var connection = Connection();
        var json = Json();
        var targets = Targets();
        var parallel = Parallel();
        var replaceProject = ReplaceProject();
        var selection = new SelectionOptions(withWave: true);
        var command = new Command(name, description);
        selection.Validate(command);
        command.Arguments.Add(bundle);
        foreach (var option in new Option[] { connection, json, targets, parallel, replaceProject }.Concat(selection.All).Concat(extra))
        {
            command.Options.Add(option);
        }

        command.SetAction(result => run(create(
            new ReadOnlyArguments(result.GetValue(bundle)!, result.GetValue(connection), result.GetValue(json), result.GetValue(targets), result.GetValue(parallel), result.GetValue(replaceProject), selection.Read(result)),
            result)));
        return command;
    }
}
