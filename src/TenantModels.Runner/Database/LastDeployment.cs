using System;

namespace TenantModels.Runner.Database;

/// <summary>One row of <c>tenantmodels.deployment</c>.</summary>
internal sealed record LastDeployment(string Project, string BundleVersion, string ContentHash, DateTime AppliedAt);
