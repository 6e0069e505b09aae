namespace TenantModels.Core.Bundling;

public enum ArtefactKind
{
    Schema,
    View,
    Table,
    MaterializedView,

    /// <summary>Seed rows for a table: applied again whenever they change.</summary>
    Seed,

    /// <summary>A tenant's partition of a canonical table (<c>canonical: table</c>): created and filled on apply, dropped only with the data-loss flag.</summary>
    Partition,

    /// <summary>
    /// The statement <c>tenantmodels refresh</c> runs to refill a tenant's partition (a union template over the tenant's
    /// sources). Never applied: the planner, deploy.sql and provisioning skip it.
    /// </summary>
    Refresh,
}
