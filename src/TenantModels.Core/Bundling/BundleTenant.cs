using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <param name="Priority">Lower is processed first.</param>
/// <param name="Database">Target database key (resolved by a target map); null for the default target.</param>
/// <param name="Values">The tenant's values of the manifest's <see cref="BundleManifest.TenantValues"/>; null when the SQL uses none
/// (or, for a tenant provisioned at run time, until <see cref="Planning.DeploymentTarget"/> gives it the defaults).</param>
/// <param name="Tier">The registry's tier, null when none (tenants provisioned at run time have none).</param>
/// <param name="Attributes">The tenant's attribute values as canonical text, by attribute name (set ones only); null or empty when none.</param>
public sealed record BundleTenant(
    string Id,
    string Name,
    bool Enabled,
    IReadOnlyList<string> Sources,
    int Priority = 100,
    string? Database = null,
    IReadOnlyList<TenantValue>? Values = null,
    string? Tier = null,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>A typed tenant attribute the registry declares (<c>attributes:</c> of tenants.yaml), for the runner's <c>--where</c>.</summary>
/// <param name="Type">Its PostgreSQL type in canonical spelling (<see cref="Sql.PostgresType.SqlName"/>).</param>
public sealed record BundleAttribute(string Name, string Type);
