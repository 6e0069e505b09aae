using System.Collections.Generic;
using TenantModels.Core.Naming;

namespace TenantModels.Core.Binding;

/// <summary>The typed model of a project: what the compiler turns into SQL.</summary>
/// <param name="Models">In dependency order: every model after the models it references.</param>
/// <param name="CanonicalViewTenantLimit">tenantmodels.yaml <c>canonical_view_tenant_limit</c>: more tenants in a canonical view is TM2020.</param>
/// <param name="TenantDefaults">The registry's defaults (tier, attributes), for tenants provisioned at run time.</param>
/// <param name="Waves">tenantmodels.yaml <c>waves:</c>, checked against the registry; empty when none are declared.</param>
/// <param name="Distribution">tenantmodels.yaml <c>distribution</c>: one PostgreSQL server, or a Citus cluster (docs/citus.md).</param>
/// <param name="CanonicalTenantsTest">tenantmodels.yaml <c>tests: [canonical_tenants]</c>: check that every tenant is in each canonical view and table.</param>
/// <param name="MappingOverrides">Tenants' own mappings (tenants.yaml <c>overrides:</c>), by tenant, model and source; null when none.</param>
/// <param name="DatabasePattern">Database-per-tenant naming (e.g. <c>&lt;tenant&gt;_db</c>); null when tenants share databases.</param>
public sealed record BoundProject(
    NamingPattern StagingSchema,
    string CanonicalSchema,
    IReadOnlyList<BoundTenant> Tenants,
    IReadOnlyDictionary<string, BoundSource> Sources,
    IReadOnlyList<BoundModel> Models,
    NamingPattern? TenantSchemaPattern = null,
    string SharedSchema = "shared",
    NamingPattern? DatabasePattern = null,
    BoundSecurity? Security = null,
    int CanonicalViewTenantLimit = BoundProject.DefaultCanonicalViewTenantLimit,
    BoundTenantDefaults? TenantDefaults = null,
    IReadOnlyList<Waves.BundleWave>? Waves = null,
    Distribution Distribution = Distribution.Postgres,
    bool CanonicalTenantsTest = false,
    IReadOnlyList<BoundMappingOverride>? MappingOverrides = null)
{
    /// <summary>Above this many tenants a canonical view gets warning TM2020 (see docs/performance.md).</summary>
    public const int DefaultCanonicalViewTenantLimit = 200;

    public NamingPattern TenantSchema => TenantSchemaPattern ?? NamingPattern.DefaultTenantSchema;

    public IReadOnlyList<BoundMappingOverride> MappingOverrideList => MappingOverrides ?? new BoundMappingOverride[0];

    /// <summary>The tenant column TenantModels adds to shared tables and canonical views.</summary>
    public const string TenantColumn = "tenant_id";
}
