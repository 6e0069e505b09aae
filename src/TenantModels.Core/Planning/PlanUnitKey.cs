namespace TenantModels.Core.Planning;

/// <summary>Identifies one transaction of an apply; <see cref="TenantId"/> is set for <see cref="PlanUnitKind.Tenant"/> only.</summary>
public sealed record PlanUnitKey(PlanUnitKind Kind, string? TenantId)
{
    public static PlanUnitKey Global { get; } = new(PlanUnitKind.Global, null);

    public static PlanUnitKey Union { get; } = new(PlanUnitKind.Union, null);

    public static PlanUnitKey Tenant(string tenantId) => new(PlanUnitKind.Tenant, tenantId);

    public override string ToString() => Kind switch
    {
        PlanUnitKind.Tenant => "tenant " + TenantId,
        PlanUnitKind.Global => "global",
        _ => "union",
    };
}
