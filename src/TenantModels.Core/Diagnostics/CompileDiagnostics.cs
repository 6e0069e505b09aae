namespace TenantModels.Core.Diagnostics;

/// <summary>TM2xxx: problems found while turning the bound model into SQL artefacts.</summary>
public static class CompileDiagnostics
{
    public static readonly DiagnosticDescriptor IdentifierTooLong = Error("TM2001", "Identifier too long",
        "{0} would be '{1}', {2} bytes long; PostgreSQL silently truncates names over 63 bytes, so TenantModels refuses it ({3})");

    public static readonly DiagnosticDescriptor IdentifierCollision = Error("TM2002", "Identifier collision",
        "{0} would be '{1}', which is also {2}; two tenants or sources must never share a schema");

    public static readonly DiagnosticDescriptor ReservedCanonicalColumn = Error("TM2003", "Reserved column in a canonical model",
        "model '{0}' is canonical, so its canonical view adds column '{1}'; rename the model's own '{1}' column");

    public static readonly DiagnosticDescriptor RoleNameTooLong = Error("TM2010", "Role name too long",
        "{0} would be '{1}', {2} bytes long; PostgreSQL silently truncates role names over 63 bytes, so TenantModels refuses it (shorten the tenant id, the prefix or the role pattern)");

    public static readonly DiagnosticDescriptor RoleNameCollision = Error("TM2011", "Role name collision",
        "{0} would be '{1}', which is also {2}; roles are cluster-wide, so two tenants or purposes must never share one");

    public static readonly DiagnosticDescriptor CanonicalViewTooWide = new("TM2020", DiagnosticSeverity.Warning, "Canonical view spans too many tenants",
        "the canonical view of model '{0}' spans {1} tenants, more than canonical_view_tenant_limit ({2}): PostgreSQL plans every branch of a UNION ALL view on every query, and planning time grows faster than the tenants (measured on PostgreSQL 15: about 9 ms at 100 tenants, 72 ms at 300, 3 s at 1,000); use 'canonical: table', one table indexed by tenant that plans a single-tenant query in well under a millisecond");

    public static readonly DiagnosticDescriptor CanonicalViewPastLockTable = Error("TM2021", "Canonical view past PostgreSQL's lock table",
        "the canonical view of model '{0}' spans {1:N0} tenants, and every query on it would lock at least {2:N0} relations (the view, then each tenant's views and tables it reads), more than the {3:N0} locks PostgreSQL reserves on stock settings (max_locks_per_transaction 64 × max_connections 100); past them a query competes with every other session for spare shared memory and fails with 'out of shared memory' (measured on PostgreSQL 15: alone on the server, a query over 6,281 tenants' staging views fails; while another query holds 10,000 locks, one fails after 2,836), and a query over 5,000 tenants spends 138 s planning; use 'canonical: table', one table indexed by tenant");

    public static readonly DiagnosticDescriptor MaterializedViewOnCoordinator = new("TM2030", DiagnosticSeverity.Warning, "Materialized view stays on the Citus coordinator",
        "model '{0}' is a materialized view: Citus does not distribute materialized views, so each tenant's copy stays on the coordinator (its refresh reads the tenant's tables from their worker, and queries on it never reach a worker); use materialized: table or view if it should live with the tenant's data");

    public static readonly DiagnosticDescriptor IdentityColumnOnCitus = new("TM2031", DiagnosticSeverity.Warning, "Identity column on Citus",
        "column '{0}' of model '{1}' is an identity column: Citus cannot undistribute a table with one (citus_schema_undistribute fails), so a tenant schema holding it can be moved between workers but never brought back to the coordinator; use a bigint filled by the application or a sequence default if that matters");

    public static readonly DiagnosticDescriptor CanonicalViewOnCitus = new("TM2032", DiagnosticSeverity.Warning, "Canonical view pulls every tenant to the Citus coordinator",
        "the canonical view of model '{0}' is a UNION ALL over every tenant's schema: on Citus each tenant is its own distributed schema, so a query on the view, even for one tenant, runs one task per tenant and pulls their rows to the coordinator; query the tenant's own schema for one tenant, or keep cross-tenant reporting to batch jobs");

    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);
}
