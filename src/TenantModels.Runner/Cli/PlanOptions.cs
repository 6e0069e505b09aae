using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels plan</c>.</summary>
/// <remarks>
/// <paramref name="ReplaceProject"/>, <paramref name="AllowDataLoss"/> and <paramref name="AllowSameVersion"/> are apply's
/// options of the same names: given the options apply will get, plan says whether apply would refuse (exit 7).
/// </remarks>
public sealed record PlanOptions(
    string BundleDirectory,
    string? Connection,
    bool Json,
    string? Targets = null,
    int Parallel = 1,
    string? ReplaceProject = null,
    bool AllowDataLoss = false,
    bool AllowSameVersion = false,
    SelectionArguments? Selection = null)
{
    internal static Command CreateCommand(Func<PlanOptions, int> run)
    {
        var allowDataLoss = new Option<bool>("--allow-data-loss") { Description = "Plan as apply --allow-data-loss would: dropping schemas or tables is not a reason to exit 7." };
        var allowSameVersion = new Option<bool>("--allow-same-version") { Description = "Plan as apply --allow-same-version would: a rebuilt bundle of the deployed version is not a reason to exit 7." };
        return CommonOptions.ReadOnlyCommand(
            "plan",
            "Print the exact SQL apply would run, per tenant, and whether apply would refuse it (exit 7); changes nothing.",
            (common, result) => new PlanOptions(common.Bundle, common.Connection, common.Json, common.Targets, common.Parallel, common.ReplaceProject,
                result.GetValue(allowDataLoss), result.GetValue(allowSameVersion), common.Selection),
            run,
            allowDataLoss,
            allowSameVersion);
    }
}
