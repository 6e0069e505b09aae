using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Citus;

/// <summary>What the runner does differently for a bundle built with <c>distribution: citus</c> (docs/citus.md).</summary>
internal static class CitusTarget
{
    /// <summary>The Citus setting that makes every schema created while it is on a distributed schema.</summary>
    public const string SchemaShardingSetting = "citus.enable_schema_based_sharding";

    public static bool Is(BundleManifest manifest) => string.Equals(manifest.Distribution, Distributions.Citus, StringComparison.Ordinal);

    /// <summary>
    /// The first statement of each unit's transaction. Schema-based sharding is on in a tenant's unit only, so exactly
    /// the schemas created for a tenant become distributed schemas (placed on a worker by Citus's rules, like
    /// <c>citus_schema_distribute</c> would); off in every other unit, so the canonical, shared and security schemas stay
    /// local to the coordinator. Transaction-local (SET LOCAL), so it cannot leak into the next unit on the connection,
    /// and it needs no second statement after CREATE SCHEMA: the bundle's SQL is the same as for one server.
    /// </summary>
    public static string UnitSetting(BundleManifest manifest, PlanUnitKey unit) => !Is(manifest)
        ? string.Empty
        : $"SET LOCAL {SchemaShardingSetting} = {(unit.Kind == PlanUnitKind.Tenant ? "on" : "off")};\n";

    /// <summary>The schemas the bundle creates for one tenant (its tenant-scope schema artefacts), in bundle order.</summary>
    public static IReadOnlyList<string> TenantSchemas(BundleManifest manifest, string tenantId) => manifest.Artefacts
        .Where(a => a.Kind == ArtefactKind.Schema && a.Scope == ArtefactScope.Tenant)
        .Select(a => ArtefactTemplate.Expand(a.Object, tenantId).Trim('"'))
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
