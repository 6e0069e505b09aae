using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The desired security the <see cref="SecurityCompiler"/>'s SQL makes true, as data for the manifest (owners, grants,
/// view options, row-level security and policies, roles and memberships). Built from the same decisions as the SQL, so
/// the two cannot disagree; tenant role names stay templates, like the objects.
/// </summary>
internal static class SecurityStateCompiler
{
    /// <summary>Owner, admin, app and one group per tenant role kind: NOLOGIN, members of nothing (EnsureRole and the revokes of the roles artefact).</summary>
    public static IReadOnlyList<RoleState> GlobalRoles(BoundSecurity security)
    {
        var roles = new List<RoleState>
        {
            Role(security.Owner, bypassRls: false, inherit: true),
            Role(security.Admin, bypassRls: true, inherit: true),
            Role(security.App, bypassRls: false, inherit: false),
        };
        roles.AddRange(security.TenantRoles.Select(r => Role(r.Group, bypassRls: false, inherit: true)));
        return roles;
    }

    /// <summary>A tenant's roles: NOLOGIN, each a member of its kind's group and of nothing else, with logins only as members.</summary>
    public static IReadOnlyList<RoleState> TenantRoles(BoundSecurity security) =>
        security.TenantRoles.Select(r => Role(SecurityCompiler.TenantRole(r), bypassRls: false, inherit: true, r.Group) with { LoginMembersOnly = true }).ToList();

    /// <summary>A created schema: owned by the owner, USAGE for exactly the roles given.</summary>
    public static ObjectSecurity Schema(BoundSecurity security, IReadOnlyList<string> usage) =>
        new(security.Owner, usage.Select(r => new ObjectGrant(r, new[] { "USAGE" })).ToList());

    /// <summary>A model's object (or its canonical view): owner, declared grants, a view's options, a shared table's row-level security.</summary>
    public static ObjectSecurity Object(BoundProject project, BoundModel model, bool canonical = false)
    {
        var security = project.Security!;
        IReadOnlyList<string>? options = null;
        if (SecurityCompiler.ObjectKind(model, canonical) == "VIEW")
        {
            // As the view compilers write them; shared SQL views also filter before user functions see rows.
            options = model.Scope == ModelScope.Shared && !canonical && !model.IsFromSources
                ? new[] { "security_invoker=true", "security_barrier=true" }
                : new[] { "security_invoker=true" };
        }

        return new ObjectSecurity(security.Owner, Grants(SecurityCompiler.ObjectPrivileges(project, model, canonical)), options,
            SecurityCompiler.HasRowLevelSecurity(model, canonical) ? new RowSecurity(true, true, SecurityCompiler.DeclaredPolicies(project)) : null);
    }

    /// <summary>A canonical table: owner, select grants, row-level security like a shared table.</summary>
    public static ObjectSecurity CanonicalTable(BoundProject project, BoundModel model) => new(
        project.Security!.Owner,
        Grants(SecurityCompiler.CanonicalTablePrivileges(project, model)),
        null,
        new RowSecurity(true, true, SecurityCompiler.DeclaredPolicies(project)));

    private static IReadOnlyList<ObjectGrant> Grants(IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> privileges) =>
        privileges.Where(p => p.Privileges.Count > 0)
            .Select(p => new ObjectGrant(p.Role, p.Privileges.Select(x => x.ToUpperInvariant()).Distinct().ToList()))
            .ToList();

    private static RoleState Role(string name, bool bypassRls, bool inherit, params string[] memberOf) =>
        new(name, Login: false, Superuser: false, CreateRole: false, CreateDb: false, Replication: false, bypassRls, inherit, memberOf);
}
