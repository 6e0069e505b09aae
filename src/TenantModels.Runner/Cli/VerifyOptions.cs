using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels verify</c>.</summary>
public sealed record VerifyOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Command CreateCommand(Func<VerifyOptions, int> run) =>
        CommonOptions.ReadOnlyCommand("verify", "Compare the live catalog with what was deployed (objects, view columns and types, definitions, options); exit 5 on drift.", (bundle, connection, json, targets, parallel) => new VerifyOptions(bundle, connection, json, targets, parallel), run);
}
