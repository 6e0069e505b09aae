using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels plan</c>.</summary>
public sealed record PlanOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Command CreateCommand(Func<PlanOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var command = new Command("plan", "Print the exact SQL apply would run, per tenant; changes nothing.");
        command.Arguments.Add(bundle);
        command.Options.Add(connection);
        command.Options.Add(json);
        var targets = CommonOptions.Targets();
        var parallel = CommonOptions.Parallel();
        command.Options.Add(targets);
        command.Options.Add(parallel);
        command.SetAction(result => run(new PlanOptions(result.GetValue(bundle)!, result.GetValue(connection), result.GetValue(json), result.GetValue(targets), result.GetValue(parallel))));
        return command;
    }
}
