using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels logins apply</c>.</summary>
/// <param name="LoginsFile">The logins file (JSON): login names, roles and the environment variables holding their passwords.</param>
public sealed record LoginsOptions(string BundleDirectory, string LoginsFile, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Option<string?> LoginsOption(bool required) => new("--logins")
    {
        Description = "Logins file (JSON): each login's name, role (a tenant role kind with its tenant, admin or app) and the environment variable holding its password. "
            + "Logins are created or updated with a SCRAM verifier; passwords are never stored in the bundle, printed or sent in clear.",
        Required = required,
    };

    internal static Command CreateCommand(Func<LoginsOptions, int> run)
    {
        var logins = new Command("logins", "Create or update LOGIN roles from secrets supplied at run time.");
        var apply = new Command("apply", "Create or update the logins of the file, each a member of exactly one of the bundle's roles, in one transaction per database.");
        var bundle = CommonOptions.BundleDirectory();
        var file = LoginsOption(required: true);
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var targets = CommonOptions.Targets();
        var parallel = CommonOptions.Parallel();
        apply.Arguments.Add(bundle);
        foreach (var option in new Option[] { file, connection, json, targets, parallel })
        {
            apply.Options.Add(option);
        }

        apply.SetAction(r => run(new LoginsOptions(r.GetValue(bundle)!, r.GetValue(file)!, r.GetValue(connection), r.GetValue(json), r.GetValue(targets), r.GetValue(parallel))));
        logins.Subcommands.Add(apply);
        return logins;
    }
}
