using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels verify</c>.</summary>
/// <param name="ReplaceProject">The deployed project this bundle's project replaces (<c>--replace-project</c>): without it, another project is reported (TM3017).</param>
public sealed record VerifyOptions(string BundleDirectory, string? Connection, bool Json, string? Targets = null, int Parallel = 1, string? ReplaceProject = null, SelectionArguments? Selection = null)
{
    internal static Command CreateCommand(Func<VerifyOptions, int> run) =>
        CommonOptions.ReadOnlyCommand("verify", "Compare the live catalog with what was deployed (objects, view columns and types, definitions, options); exit 5 on drift.", (common, _) => new VerifyOptions(common.Bundle, common.Connection, common.Json, common.Targets, common.Parallel, common.ReplaceProject, common.Selection), run);
}
