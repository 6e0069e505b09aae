namespace TenantModels.Runner.Database;

/// <summary>What kind of difference the typed security diff found between the bundle's desired state and the live catalog.</summary>
internal enum SecurityDifferenceKind
{
    WrongOwner,
    MissingGrant,
    ExtraGrant,
    ViewOptionMissing,
    RowSecurityDisabled,
    RowSecurityNotForced,
    PolicyMissing,
    PolicyExtra,
    PolicyChanged,
    RoleMissing,
    RoleAttributeChanged,
    MembershipMissing,
    MembershipExtra,
}

/// <summary>
/// One difference: which artefact's SQL makes it true again (<paramref name="Artefact"/>, for <paramref name="Tenant"/>),
/// the object or role it is about, and the problem as verify prints it.
/// </summary>
internal sealed record SecurityDifference(SecurityDifferenceKind Kind, string Artefact, string? Tenant, string Object, string Problem);
