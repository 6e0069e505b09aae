using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>A model's refresh schedule in the manifest: what the runner installs as one pg_cron job per tenant.</summary>
/// <param name="Artefacts">The artefacts a run refreshes, in manifest order: the model's materialized views (one per source
/// for a model built from sources) and its canonical table's refresh; each only for the tenants it applies to.</param>
/// <param name="At">Tenant-local times of day (<c>HH:MM</c>, sorted); empty when <paramref name="Cron"/> is set.</param>
/// <param name="Cron">A pg_cron expression, in UTC as pg_cron reads it; null when <paramref name="At"/> is used.</param>
public sealed record BundleSchedule(string Model, IReadOnlyList<string> Artefacts, IReadOnlyList<string> At, string? Cron);

/// <summary>What a tenant's scheduled refreshes run with, resolved from tenants.yaml and its defaults.</summary>
/// <param name="Tenant">The tenant; null for the defaults that tenants provisioned at run time get.</param>
/// <param name="TimeZone">IANA name the <c>at</c> times are read in (UTC when tenants.yaml names none).</param>
/// <param name="RefreshTimeoutSeconds">The job's statement_timeout; null: the server's own.</param>
public sealed record ScheduleTenant(string? Tenant, string TimeZone, int? RefreshTimeoutSeconds);
