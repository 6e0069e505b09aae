using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels check</c>.</summary>
/// <param name="DevConnection">A server the check may create (and drop) a scratch database on; never production.</param>
public sealed record CheckOptions(string BundleDirectory, string DevConnection, bool Json)
{
    internal static Command CreateCommand(Func<CheckOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var devConnection = new Option<string>("--dev-connection")
        {
            Description = "Npgsql connection string (no password: PGPASSWORD or ~/.pgpass) of a development server on which the check " +
                "creates a scratch database, applies the bundle for one tenant, and drops it again. Needs CREATEDB.",
            Required = true,
        };
        var json = CommonOptions.Json();
        var command = new Command("check", "Apply every artefact of the bundle for one tenant to a scratch database on a development server, then drop it; exit 8 when any artefact fails.");
        command.Arguments.Add(bundle);
        command.Options.Add(devConnection);
        command.Options.Add(json);
        command.SetAction(result => run(new CheckOptions(result.GetValue(bundle)!, result.GetValue(devConnection)!, result.GetValue(json))));
        return command;
    }
}
