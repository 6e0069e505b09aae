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
}
