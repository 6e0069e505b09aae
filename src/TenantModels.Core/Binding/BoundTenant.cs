using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Binding;

/// <summary>A tenant with defaults applied.</summary>
/// <param name="Priority">Lower runs first (the ETL seed's schedule_priority); ties keep registry order.</param>
/// <param name="Database">Target database key for a target map; null for the default target.</param>
/// <param name="TimeZone">IANA name its scheduled refreshes' times are read in; null: UTC.</param>
/// <param name="RefreshTimeoutSeconds">statement_timeout of its scheduled refreshes; null: the server's.</param>
public sealed record BoundTenant(
    string Id,
    string Name,
    bool Enabled,
    IReadOnlyList<string> Sources,
    int Priority,
    string? Tier,
    string? Database,
    IReadOnlyList<BoundAttribute> Attributes,
    SourceLocation Location,
    string? TimeZone = null,
    int? RefreshTimeoutSeconds = null)
{
    public const int DefaultPriority = 100;
}

/// <summary>A typed tenant attribute; <paramref name="Value"/> is its canonical text, null when unset.</summary>
public sealed record BoundAttribute(string Name, PostgresType Type, bool Nullable, string? Value);

/// <summary>The registry's <c>defaults:</c> after checking: what a tenant not listed in it (provisioned at run time) gets.</summary>
/// <param name="Attributes">Every declared attribute, with its default value or null.</param>
/// <param name="TimeZone">The defaults' <c>time_zone</c>, null when none (UTC).</param>
/// <param name="RefreshTimeoutSeconds">The defaults' <c>refresh_timeout</c>, null when none.</param>
public sealed record BoundTenantDefaults(string? Tier, IReadOnlyList<BoundAttribute> Attributes, string? TimeZone = null, int? RefreshTimeoutSeconds = null)
{
    public static BoundTenantDefaults None { get; } = new(null, new BoundAttribute[0]);
}
