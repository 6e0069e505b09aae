using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels verify</c>.</summary>
public sealed record VerifyOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Command CreateCommand(Func<VerifyOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var command = new Command("verify", "Compare the live catalog with what was deployed (objects, view columns and types, definitions, options); exit 5 on drift.");
        command.Arguments.Add(bundle);
        command.Options.Add(connection);
        command.Options.Add(json);
        var targets = CommonOptions.Targets();
        var parallel = CommonOptions.Parallel();
        command.Options.Add(targets);
        command.Options.Add(parallel);
        command.SetAction(result => run(new VerifyOptions(result.GetValue(bundle)!, result.GetValue(connection), result.GetValue(json), result.GetValue(targets), result.GetValue(parallel))));
        return command;
    }
}
