using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels status</c>.</summary>
public sealed record StatusOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Command CreateCommand(Func<StatusOptions, int> run) =>
        CommonOptions.ReadOnlyCommand("status", "Show what is deployed (version, tenants) and how many steps of the bundle are pending.", (bundle, connection, json, targets, parallel) => new StatusOptions(bundle, connection, json, targets, parallel), run);
}
