using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Database;

/// <summary>
/// Desired security (from the bundle, typed) against live security (from the catalog, typed): every difference, each
/// named by the artefact whose SQL reconciles it. Pure. Objects or roles that do not exist at all are left to the catalog
/// comparison and the plan (which create them), except roles, which nothing else reports.
/// </summary>
/// <remarks>
/// Policy expressions are compared with <see cref="PolicyExpression.Same"/>: PostgreSQL keeps them parsed, so the text
/// it gives back is its own spelling of the compiler's; what that comparison cannot tell apart verify's row checks see.
/// </remarks>
internal static class SecurityStateDiff
{
    public static IReadOnlyList<SecurityDifference> Of(DesiredSecurityState desired, IReadOnlyDictionary<string, LiveObjectSecurity> relations,
        IReadOnlyDictionary<string, LiveObjectSecurity> schemas, IReadOnlyDictionary<string, IReadOnlyList<LivePolicy>> policies, IReadOnlyDictionary<string, LiveRole> roles)
    {
        var differences = new List<SecurityDifference>();
        foreach (var item in desired.Objects)
        {
            if ((item.IsSchema ? schemas : relations).TryGetValue(item.Object, out var live))
            {
                CompareObject(item, live, policies.TryGetValue(item.Object, out var found) ? found : Array.Empty<LivePolicy>(), differences);
            }
        }

        foreach (var item in desired.Roles)
        {
            CompareRole(item, roles.TryGetValue(item.Role.Name, out var live) ? live : null, differences);
        }

        return differences;
    }

    private static void CompareObject(DesiredObject item, LiveObjectSecurity live, IReadOnlyList<LivePolicy> livePolicies, List<SecurityDifference> differences)
    {
        void Add(SecurityDifferenceKind kind, string problem) => differences.Add(new SecurityDifference(kind, item.Artefact, item.Tenant, item.Object, problem));

        var security = item.Security;
        if (live.Owner != security.Owner)
        {
            Add(SecurityDifferenceKind.WrongOwner, $"is owned by {live.Owner}, not {security.Owner}");
        }

        // The owner's own privileges are implicit: what counts is what everyone else holds, exactly the declared set.
        var declared = security.Grants.Where(g => g.Columns is null && g.Role != live.Owner).SelectMany(g => g.Privileges.Select(p => (g.Role, p))).ToHashSet();
        foreach (var (grantee, privilege) in live.Grants.Where(g => !declared.Contains(g)).OrderBy(g => g.Grantee, StringComparer.Ordinal).ThenBy(g => g.Privilege, StringComparer.Ordinal))
        {
            Add(SecurityDifferenceKind.ExtraGrant, $"{privilege} is granted to {grantee}, which was not declared");
        }

        foreach (var (role, privilege) in declared.Where(d => !live.Grants.Contains(d)))
        {
            Add(SecurityDifferenceKind.MissingGrant, $"declared {privilege} for {role} is missing");
        }

        var declaredColumns = security.Grants.Where(g => g.Columns is not null)
            .SelectMany(g => g.Privileges.SelectMany(p => g.Columns!.Select(c => (g.Role, p, c)))).ToHashSet();
        foreach (var (grantee, privilege, column) in live.ColumnGrants.Where(g => !declaredColumns.Contains(g)).OrderBy(g => g.Column, StringComparer.Ordinal))
        {
            Add(SecurityDifferenceKind.ExtraGrant, $"{privilege} ({column}) is granted to {grantee}, which was not declared");
        }

        foreach (var (role, privilege, column) in declaredColumns.Where(d => !live.ColumnGrants.Contains(d)))
        {
            Add(SecurityDifferenceKind.MissingGrant, $"declared {privilege} ({column}) for {role} is missing");
        }

        // Nothing is declared with grant option: a role holding one can pass the object to any role, another tenant's too.
        foreach (var (grantee, privilege, column) in live.GrantOptions.OrderBy(g => g.Grantee, StringComparer.Ordinal).ThenBy(g => g.Privilege, StringComparer.Ordinal)
                     .ThenBy(g => g.Column, StringComparer.Ordinal))
        {
            Add(SecurityDifferenceKind.ExtraGrant, $"{privilege}{(column is null ? string.Empty : $" ({column})")} is granted to {grantee} with grant option, which was not declared");
        }

        // Named as a whole ("is not security_invoker and security_barrier"): the view needs every one of them.
        var options = security.Options ?? Array.Empty<string>();
        if (options.Any(o => !live.Options.Contains(o)))
        {
            Add(SecurityDifferenceKind.ViewOptionMissing, $"view is not {string.Join(" and ", options.Select(o => o.Split('=')[0]))}: it would run with its owner's rights");
        }

        if (security.RowSecurity is not { } rls)
        {
            return;
        }

        if (rls.Enabled && !live.RowSecurity)
        {
            Add(SecurityDifferenceKind.RowSecurityDisabled, "row-level security is not enabled");
        }

        if (rls.Forced && !live.ForceRowSecurity)
        {
            Add(SecurityDifferenceKind.RowSecurityNotForced, "row-level security is not forced (its owner bypasses it)");
        }

        var byName = livePolicies.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var extra in livePolicies.Where(p => rls.Policies.All(d => d.Name != p.Name)))
        {
            Add(SecurityDifferenceKind.PolicyExtra, $"policy {extra.Name} was not declared");
        }

        foreach (var policy in rls.Policies)
        {
            if (!byName.TryGetValue(policy.Name, out var found))
            {
                Add(SecurityDifferenceKind.PolicyMissing, $"declared policy {policy.Name} is missing");
            }
            else if (PolicyChanges(policy, found) is { Count: > 0 } changes)
            {
                Add(SecurityDifferenceKind.PolicyChanged, $"policy {policy.Name} differs from its declaration: {string.Join("; ", changes)}");
            }
        }
    }

    private static List<string> PolicyChanges(PolicyState desired, LivePolicy live)
    {
        var changes = new List<string>();
        if (live.Permissive != desired.Permissive)
        {
            changes.Add(live.Permissive ? "permissive, declared restrictive" : "restrictive, declared permissive");
        }

        if (live.Command != desired.Command)
        {
            changes.Add($"for {live.Command}, declared for {desired.Command}");
        }

        var liveRoles = live.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList();
        var desiredRoles = desired.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList();
        if (!liveRoles.SequenceEqual(desiredRoles, StringComparer.Ordinal))
        {
            changes.Add($"to {string.Join(", ", liveRoles)}, declared to {string.Join(", ", desiredRoles)}");
        }

        if (!PolicyExpression.Same(desired.Using, live.Using))
        {
            changes.Add($"USING ({live.Using}), declared ({desired.Using})");
        }

        if (!PolicyExpression.Same(desired.WithCheck, live.WithCheck))
        {
            changes.Add($"WITH CHECK ({live.WithCheck}), declared ({desired.WithCheck})");
        }

        return changes;
    }

    private static void CompareRole(DesiredRole item, LiveRole? live, List<SecurityDifference> differences)
    {
        var role = item.Role;
        void Add(SecurityDifferenceKind kind, string problem) => differences.Add(new SecurityDifference(kind, item.Artefact, item.Tenant, role.Name, problem));

        if (live is null)
        {
            Add(SecurityDifferenceKind.RoleMissing, "role is missing");
            return;
        }

        // Spelt as ALTER ROLE spells them, the live value: "has BYPASSRLS", "has NOINHERIT".
        var attributes = new List<string>();
        void Attribute(string name, bool desired, bool actual)
        {
            if (desired != actual)
            {
                attributes.Add(actual ? name : "NO" + name);
            }
        }

        Attribute("LOGIN", role.Login, live.Login);
        Attribute("SUPERUSER", role.Superuser, live.Superuser);
        Attribute("CREATEROLE", role.CreateRole, live.CreateRole);
        Attribute("CREATEDB", role.CreateDb, live.CreateDb);
        Attribute("REPLICATION", role.Replication, live.Replication);
        Attribute("BYPASSRLS", role.BypassRls, live.BypassRls);
        Attribute("INHERIT", role.Inherit, live.Inherit);
        if (attributes.Count > 0)
        {
            Add(SecurityDifferenceKind.RoleAttributeChanged, $"has {string.Join(" ", attributes)}, which was not declared");
        }

        foreach (var group in live.MemberOf.Where(g => !role.MemberOf.Contains(g)).OrderBy(g => g, StringComparer.Ordinal))
        {
            Add(SecurityDifferenceKind.MembershipExtra, $"is a member of {group}, which was not declared");
        }

        foreach (var group in role.MemberOf.Where(g => !live.MemberOf.Contains(g)))
        {
            Add(SecurityDifferenceKind.MembershipMissing, $"is not a member of its group {group}");
        }

        if (role.LoginMembersOnly)
        {
            foreach (var member in live.NonLoginMembers)
            {
                Add(SecurityDifferenceKind.MembershipExtra, $"{member} is a member: only logins may be");
            }
        }
    }
}
