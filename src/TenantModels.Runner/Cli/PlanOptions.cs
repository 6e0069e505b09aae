using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels plan</c>.</summary>
public sealed record PlanOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1)
{
    internal static Command CreateCommand(Func<PlanOptions, int> run) =>
        CommonOptions.ReadOnlyCommand("plan", "Print the exact SQL apply would run, per tenant; changes nothing.", (bundle, connection, json, targets, parallel) => new PlanOptions(bundle, connection, json, targets, parallel), run);
}
