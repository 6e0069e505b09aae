using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels status</c>.</summary>
public sealed record StatusOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Command CreateCommand(Func<StatusOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show what is deployed (version, tenants) and how many steps of the bundle are pending.");
        command.Arguments.Add(bundle);
        command.Options.Add(connection);
        command.Options.Add(json);
        var targets = CommonOptions.Targets();
        var parallel = CommonOptions.Parallel();
        command.Options.Add(targets);
        command.Options.Add(parallel);
        command.SetAction(result => run(new StatusOptions(result.GetValue(bundle)!, result.GetValue(connection), result.GetValue(json), result.GetValue(targets), result.GetValue(parallel))));
        return command;
    }
}
