using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <param name="Priority">Lower is processed first.</param>
/// <param name="Database">Target database key (resolved by a target map); null for the default target.</param>
/// <param name="Values">The tenant's values of the manifest's <see cref="BundleManifest.TenantValues"/>; null when the SQL uses none
/// (or, for a tenant provisioned at run time, until <see cref="Planning.DeploymentTarget"/> gives it the defaults).</param>
public sealed record BundleTenant(string Id, string Name, bool Enabled, IReadOnlyList<string> Sources, int Priority = 100, string? Database = null,
    IReadOnlyList<TenantValue>? Values = null);
