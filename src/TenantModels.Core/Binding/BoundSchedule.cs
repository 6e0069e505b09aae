using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>
/// When a model's per-tenant refresh runs: at tenant-local times of day (<paramref name="At"/>, <c>HH:MM</c>, sorted), or
/// on a pg_cron expression read in UTC (<paramref name="Cron"/>). Exactly one is set.
/// </summary>
public sealed record BoundSchedule(IReadOnlyList<string> At, string? Cron);
