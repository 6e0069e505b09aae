using System;

namespace TenantModels.Runner.Database;

/// <summary>One row of <c>tenantmodels.deployment</c>.</summary>
/// <param name="Outcome">How it ended (<see cref="DeploymentOutcome"/>).</param>
/// <param name="Steps">Steps committed so far.</param>
internal sealed record LastDeployment(string Project, string BundleVersion, string ContentHash, DateTime AppliedAt, DeploymentOutcome Outcome, int Steps);

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
