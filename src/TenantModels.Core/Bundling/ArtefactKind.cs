namespace TenantModels.Core.Bundling;

public enum ArtefactKind
{
    Schema,
    View,
    Table,
    MaterializedView,

    /// <summary>Seed rows for a table: applied again whenever they change.</summary>
    Seed,

    /// <summary>
    /// Roles and the role → tenant registry (global: owner, admin, app, groups; tenant: that tenant's roles). Idempotent
    /// and reconciling: re-run whenever they change; a removed tenant's roles are dropped (<c>DropStatements</c>).
    /// The object is the registry table.
    /// </summary>
    Roles,

    /// <summary>
    /// Ownership, reconciled privileges and row-level security of one object, run after it. Re-run whenever it changes
    /// and after the object is recreated; dropping it does nothing (the object's own drop takes its privileges).
    /// </summary>
    Grants,

    /// <summary>
    /// A tenant's rows of a canonical table (<c>canonical: table</c>): filled on apply in the tenant's transaction; dropping
    /// it deletes them, only with the data-loss flag. The name is the first form's, a partition per tenant (records keep it).
    /// </summary>
    Partition,

    /// <summary>
    /// The statement <c>tenantmodels refresh</c> runs to refill a tenant's rows of a canonical table (a union template over the tenant's
    /// sources). Never applied: the planner, deploy.sql and provisioning skip it.
    /// </summary>
    Refresh,
}
