using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Output;

/// <summary>The closing summary of an apply or refresh some of whose transactions failed: what failed, what was skipped, what was done.</summary>
internal static class UnitsSummary
{
    /// <summary>TM3015.</summary>
    /// <param name="done">What the others were: applied, refreshed.</param>
    public static Diagnostic Failed(IReadOnlyList<UnitResult> units, string done)
    {
        var failed = Labels(units, UnitStatus.Failed);
        var skipped = Labels(units, UnitStatus.Skipped);
        return RunnerDiagnostics.UnitsFailed.At(
            SourceLocation.None,
            failed.Count,
            units.Count,
            skipped.Count == 0 ? string.Empty : $", {skipped.Count} skipped",
            string.Join(", ", failed),
            skipped.Count == 0
                ? $"everything else was {done}"
                : $"not run (--fail-fast): {string.Join(", ", skipped)}; the transactions before the failure were {done}");
    }

    /// <summary>For the text summary line: how many were skipped, or nothing.</summary>
    public static string Skipped(IReadOnlyList<UnitResult> units)
    {
        var skipped = units.Count(u => u.Status == UnitStatus.Skipped);
        return skipped == 0 ? string.Empty : $"; skipped: {skipped}";
    }

    private static List<string> Labels(IReadOnlyList<UnitResult> units, UnitStatus status) =>
        units.Where(u => u.Status == status).Select(u => u.Tenant is null ? u.Unit : "tenant " + u.Tenant).ToList();
}
