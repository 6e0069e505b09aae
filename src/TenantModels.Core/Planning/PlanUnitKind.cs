namespace TenantModels.Core.Planning;

/// <summary>The transactions an apply runs, in this order: one for global artefacts, one per tenant, one for unions.</summary>
public enum PlanUnitKind
{
    /// <summary>Global artefacts that depend on no tenant artefact (schemas such as <c>canonical</c>).</summary>
    Global,

    /// <summary>One tenant's artefacts, plus any union that must be dropped to change them (recreated in the same transaction).</summary>
    Tenant,

    /// <summary>Union artefacts (and globals over tenant artefacts), expanded over the tenants that are fully applied.</summary>
    Union,
}
