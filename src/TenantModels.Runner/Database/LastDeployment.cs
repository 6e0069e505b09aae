using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Database;

/// <summary>One row of <c>tenantmodels.deployment</c>.</summary>
/// <param name="Outcome">How it ended (<see cref="DeploymentOutcome"/>).</param>
/// <param name="Steps">Steps committed so far.</param>
/// <param name="Failures">Each unit that failed (<c>global</c>, <c>union</c>, <c>tenant x</c>) with why; empty when none or not recorded.</param>
internal sealed record LastDeployment(string Project, string BundleVersion, string ContentHash, DateTime AppliedAt, DeploymentOutcome Outcome, int Steps,
    IReadOnlyList<(string Unit, string Reason)> Failures)
{
    /// <summary>The tenant selection it was limited to (<c>--tenant alpha</c>), null when it covered every tenant.</summary>
    public string? Selection { get; init; }

    /// <summary>
    /// What to say before a unit of <paramref name="plan"/> that failed in the last apply of this same bundle is tried
    /// again: one line per such unit, naming why it failed then (a union past what the server can parse fails each time).
    /// </summary>
    public IReadOnlyList<string> Retries(string contentHash, DeploymentPlan plan)
    {
        if (contentHash != ContentHash || Failures.Count == 0)
        {
            return Array.Empty<string>();
        }

        var planned = new HashSet<string>(plan.Units.Select(u => u.Key.ToString()), StringComparer.Ordinal);
        return Failures.Where(f => planned.Contains(f.Unit))
            .Select(f => $"{f.Unit} failed in the last apply of this bundle ({f.Reason}); it is tried again")
            .ToList();
    }
}

/// <summary>The <c>outcome</c> column of <c>tenantmodels.deployment</c>.</summary>
internal enum DeploymentOutcome
{
    /// <summary>Still running, or stopped before it could say how it ended (the runner was killed, the connection lost).</summary>
    Running,

    Applied,

    /// <summary>Some units failed and were rolled back; the others were applied.</summary>
    Partial,

    /// <summary>Found running by a later apply, which therefore knew it had stopped.</summary>
    Interrupted,
}
