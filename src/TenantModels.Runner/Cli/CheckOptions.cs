using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels check</c>.</summary>
/// <param name="DevConnection">A server the check may create (and drop) a scratch database on; never production.</param>
/// <param name="ProjectDirectory">The model project's folder: diagnostics name the YAML files by full path under it (as the SDK's build passes it), not relative to the project.</param>
public sealed record CheckOptions(string BundleDirectory, string DevConnection, bool Json, string? ProjectDirectory = null)
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
        var projectDirectory = new Option<string?>("--project-dir")
        {
            Description = "The model project's folder: diagnostics name the YAML files by full path under it, so IDEs open them (the SDK passes it when it runs the check during dotnet build).",
        };
        var json = CommonOptions.Json();
        var command = new Command("check", "Apply every artefact of the bundle for one tenant to a scratch database on a development server, then drop it; exit 8 when any artefact fails.");
        command.Arguments.Add(bundle);
        command.Options.Add(devConnection);
        command.Options.Add(projectDirectory);
        command.Options.Add(json);
        command.SetAction(result => run(new CheckOptions(result.GetValue(bundle)!, result.GetValue(devConnection)!, result.GetValue(json), result.GetValue(projectDirectory))));
        return command;
    }
}
