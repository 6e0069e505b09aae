using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>
/// The desired security of one object, as data (an artefact's <c>security</c> in the manifest): what its SQL makes true,
/// so a runner can diff it against the live catalog without reading the SQL back. The object is the artefact's
/// <see cref="BundleArtefact.Object"/>; role names and the object are templates for tenant scope, like the object.
/// </summary>
/// <param name="Owner">The role that owns the object.</param>
/// <param name="Grants">Every privilege anyone but the owner holds on it: exactly these, nothing for PUBLIC or any other role.</param>
/// <param name="Options">For views: the options it must have (<c>security_invoker=true</c>, as <c>pg_class.reloptions</c> spells them); null otherwise.</param>
/// <param name="RowSecurity">For tables filtered by policies: row-level security and the policies; null when it has none.</param>
public sealed record ObjectSecurity(
    string Owner,
    IReadOnlyList<ObjectGrant> Grants,
    IReadOnlyList<string>? Options = null,
    RowSecurity? RowSecurity = null);

/// <summary>The privileges one role holds on an object, spelt as <c>aclexplode</c> spells them (<c>SELECT</c>, <c>USAGE</c>), in declared order.</summary>
/// <param name="Columns">For column-level privileges, the columns they cover; null for privileges on the whole object (every grant today).</param>
public sealed record ObjectGrant(string Role, IReadOnlyList<string> Privileges, IReadOnlyList<string>? Columns = null);

/// <summary>Row-level security of a table: <c>ENABLE</c>, <c>FORCE</c> and exactly these policies (any other is dropped on apply).</summary>
public sealed record RowSecurity(bool Enabled, bool Forced, IReadOnlyList<PolicyState> Policies);

/// <summary>One policy as the compiler creates it.</summary>
/// <param name="Command"><c>ALL</c>, <c>SELECT</c>, <c>INSERT</c>, <c>UPDATE</c> or <c>DELETE</c>.</param>
/// <param name="Roles">The roles it applies to, in the order of its <c>TO</c> clause.</param>
/// <param name="Using">The <c>USING</c> expression as the compiler writes it (PostgreSQL stores it parsed: see <see cref="PolicyExpression"/>).</param>
/// <param name="WithCheck">The <c>WITH CHECK</c> expression as the compiler writes it; null when it has none.</param>
public sealed record PolicyState(string Name, string Command, bool Permissive, IReadOnlyList<string> Roles, string? Using, string? WithCheck);

/// <summary>
/// A role the bundle creates (an artefact of kind <c>roles</c> lists them, as <c>roles</c> in the manifest): its name
/// (a template for tenant roles), its attributes, and the roles it is a member of — exactly these, any other membership
/// is revoked on apply.
/// </summary>
/// <param name="LoginMembersOnly">Only logins may be members of it (a tenant's roles: a role between a login and a tenant
/// role could carry a second tenant); written only when set.</param>
public sealed record RoleState(
    string Name,
    bool Login,
    bool Superuser,
    bool CreateRole,
    bool CreateDb,
    bool Replication,
    bool BypassRls,
    bool Inherit,
    IReadOnlyList<string> MemberOf,
    bool LoginMembersOnly = false);
