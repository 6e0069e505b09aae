using System.Collections.Generic;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Waves;

/// <summary>apply with rollout waves: how one wave ended, in the JSON result's <c>waves</c>.</summary>
/// <param name="Status">applied (and verified) | up-to-date | empty (no tenant of it in any database) | failed | drift | refused | error | not-started (after a halt).</param>
/// <param name="Tenants">The tenants it selected, in processing order.</param>
/// <param name="Targets">Each database's apply result (one for a single connection).</param>
/// <param name="Drift">What the wave's verification found.</param>
public sealed record WaveResult(string Name, string Status, int ExitCode, IReadOnlyList<string>? Tenants, IReadOnlyList<TargetResult>? Targets, IReadOnlyList<DriftResult>? Drift);
