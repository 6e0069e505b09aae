using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>What one role may do on one object, and the row-level security policies that restrict it there.</summary>
/// <param name="Object">The qualified object name as the grants artefact writes it (a template for tenant scope).</param>
/// <param name="Role">The role name (a template for a tenant's own role).</param>
/// <param name="Privileges">OWNER (see <see cref="SecurityMatrix.OwnerPrivilege"/>), SELECT, INSERT, … in the order granted; empty when the role only appears in a policy.</param>
/// <param name="Policies">The policies naming the role, as <c>name (PERMISSIVE|RESTRICTIVE FOR cmd) USING (…)</c>.</param>
public sealed record SecurityEntry(string Object, string Role, IReadOnlyList<string> Privileges, IReadOnlyList<string> Policies);

/// <summary>A role an auditor sees in the matrix, with what it is: owner, admin, app, a tenant role kind's group, or a tenant's role.</summary>
public sealed record SecurityRole(string Name, string Description);

/// <summary>
/// Which role can do what on which object, and which policy applies: read from the bundle's grants, roles and schema artefacts, which hold
/// exactly the statements the runner executes (<c>GRANT … TO</c>, <c>CREATE POLICY … TO</c>), so the matrix is what is
/// deployed and not a second description of it. Empty for a bundle without a <c>security:</c> section.
/// </summary>
public sealed class SecurityMatrix
{
    private static readonly Regex Grant = new(
        @"^GRANT\s+(?<privileges>[A-Z ,]+?)\s+ON\s+(?:TABLE|SCHEMA|SEQUENCE|FUNCTION|ALL TABLES IN SCHEMA)\s+(?<object>.+?)\s+TO\s+(?<roles>.+?);\s*$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex Owner = new(
        @"^ALTER\s+(?:TABLE|VIEW|MATERIALIZED VIEW|SCHEMA|FUNCTION)\s+(?<object>.+?)\s+OWNER TO\s+(?<roles>.+?);\s*$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex Policy = new(
        @"^CREATE POLICY\s+(?<name>""(?:[^""]|"""")+""|\w+)\s+ON\s+(?<object>.+?)\s+AS\s+(?<mode>PERMISSIVE|RESTRICTIVE)\s+FOR\s+(?<command>\w+)\s+TO\s+(?<roles>.+?)\s+USING\s+(?<using>.+?)(?:\s+WITH CHECK\s+.+)?;\s*$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private SecurityMatrix(IReadOnlyList<SecurityRole> roles, IReadOnlyList<SecurityEntry> entries, string? isolation)
    {
        Roles = roles;
        Entries = entries;
        Isolation = isolation;
    }

    /// <summary><c>schema</c>, <c>shared</c> or <c>database</c>; null without security.</summary>
    public string? Isolation { get; }

    public IReadOnlyList<SecurityRole> Roles { get; }

    /// <summary>In manifest order of the grants artefacts, then in the order the roles are first granted or named.</summary>
    public IReadOnlyList<SecurityEntry> Entries { get; }

    /// <summary>What the matrix shows for the role an object belongs to (it may do anything with it, and bypasses nothing: RLS is FORCEd).</summary>
    public const string OwnerPrivilege = "OWNER";

    public static SecurityMatrix Build(Bundle bundle)
    {
        var security = bundle.Manifest.Security;
        var roles = new List<SecurityRole>();
        if (security is not null)
        {
            roles.Add(new SecurityRole(security.Owner, "owner: owns every object, runs the deployment"));
            roles.Add(new SecurityRole(security.Admin, "admin: every tenant's rows (bypasses row-level security)"));
            roles.Add(new SecurityRole(security.App, "app: the application, one tenant at a time (tenantmodels.tenant setting)"));
            foreach (var kind in security.TenantRoles)
            {
                roles.Add(new SecurityRole(kind.Group, $"group of every tenant's {kind.Kind} role ({kind.Pattern})"));
                roles.Add(new SecurityRole(kind.Pattern.Replace(Naming.NamingPattern.TenantToken, ArtefactTemplate.TenantPlaceholder), $"a tenant's {kind.Kind} role"));
            }
        }

        var entries = new List<SecurityEntry>();
        // Grants artefacts hold each model object's privileges and policies; roles and schema artefacts those of the schemas and the registry.
        foreach (var artefact in bundle.Manifest.Artefacts.Where(a => a.Kind is ArtefactKind.Grants or ArtefactKind.Roles or ArtefactKind.Schema))
        {
            entries.AddRange(EntriesOf(bundle.SqlOf(artefact)));
        }

        return new SecurityMatrix(roles, entries, security?.Isolation);
    }

    /// <summary>The entries of one grants artefact's SQL, one per object and role.</summary>
    internal static IReadOnlyList<SecurityEntry> EntriesOf(string sql)
    {
        var privileges = new Dictionary<(string Object, string Role), List<string>>();
        var policies = new Dictionary<(string Object, string Role), List<string>>();
        var order = new List<(string Object, string Role)>();

        void Note((string Object, string Role) key)
        {
            if (!privileges.ContainsKey(key))
            {
                privileges[key] = new List<string>();
                policies[key] = new List<string>();
                order.Add(key);
            }
        }

        foreach (Match match in Owner.Matches(sql))
        {
            foreach (var role in RoleNames(match.Groups["roles"].Value))
            {
                var key = (match.Groups["object"].Value, role);
                Note(key);
                privileges[key].Add(OwnerPrivilege);
            }
        }

        foreach (Match match in Grant.Matches(sql))
        {
            foreach (var role in RoleNames(match.Groups["roles"].Value))
            {
                var key = (match.Groups["object"].Value, role);
                Note(key);
                foreach (var privilege in match.Groups["privileges"].Value.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0))
                {
                    if (!privileges[key].Contains(privilege))
                    {
                        privileges[key].Add(privilege);
                    }
                }
            }
        }

        foreach (Match match in Policy.Matches(sql))
        {
            foreach (var role in RoleNames(match.Groups["roles"].Value))
            {
                var key = (match.Groups["object"].Value, role);
                Note(key);
                policies[key].Add($"{Unquote(match.Groups["name"].Value)} ({match.Groups["mode"].Value} FOR {match.Groups["command"].Value}) USING {match.Groups["using"].Value}");
            }
        }

        return order.Select(k => new SecurityEntry(k.Object, k.Role, privileges[k], policies[k])).ToList();
    }

    private static IEnumerable<string> RoleNames(string list) =>
        list.Split(',').Select(r => Unquote(r.Trim())).Where(r => r.Length > 0);

    private static string Unquote(string identifier) =>
        identifier.Length >= 2 && identifier[0] == '"' && identifier[identifier.Length - 1] == '"'
            ? identifier.Substring(1, identifier.Length - 2).Replace("\"\"", "\"")
            : identifier;
}
