using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels status</c>.</summary>
/// <param name="ReplaceProject">The deployed project this bundle's project replaces (<c>--replace-project</c>): without it, another project is reported (TM3017).</param>
public sealed record StatusOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1, string? ReplaceProject = null, SelectionArguments? Selection = null)
{
    internal static Command CreateCommand(Func<StatusOptions, int> run) =>
        CommonOptions.ReadOnlyCommand("status", "Show what is deployed (version, tenants) and how many steps of the bundle are pending.", (common, _) => new StatusOptions(common.Bundle, common.Connection, common.Json, common.Targets, common.Parallel, common.ReplaceProject, common.Selection), run);
}
