using TenantModels.Core.Bundling;

namespace TenantModels.Core.Sql;

/// <summary>
/// The statements of a refresh, shared by <c>tenantmodels refresh</c> and the pg_cron jobs of scheduled models so that a
/// scheduled refresh does exactly what the command does.
/// </summary>
public static class RefreshStatements
{
    public static string MaterializedView(string quotedObject, bool concurrently) =>
        "REFRESH MATERIALIZED VIEW " + (concurrently ? "CONCURRENTLY " : string.Empty) + quotedObject + " WITH DATA";

    /// <summary>A tenant's refresh of one artefact: a materialized view's REFRESH, or a canonical table's refill (the bundle's refresh template for that tenant).</summary>
    public static string ForTenant(Bundle bundle, BundleArtefact artefact, BundleTenant tenant) =>
        artefact.Kind == ArtefactKind.MaterializedView
            ? MaterializedView(ArtefactTemplate.Expand(artefact.Object, tenant.Id), concurrently: false)
            : ArtefactTemplate.ExpandFor(artefact, bundle.SqlOf(artefact), tenant);

    /// <summary>Records in <c>tenantmodels.refresh</c> (runner schema 9) that the tenant <paramref name="tenantIdSql"/> (an SQL expression; <c>''</c> for the global unit) was refreshed now.</summary>
    public static string Record(string tenantIdSql) =>
        "INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES (" + tenantIdSql + ", now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at";
}
