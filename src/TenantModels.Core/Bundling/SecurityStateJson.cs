using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace TenantModels.Core.Bundling;

/// <summary>
/// An artefact's <c>security</c> (<see cref="ObjectSecurity"/>) and <c>roles</c> (<see cref="RoleState"/>) in the manifest,
/// each on one line. Written by hand like the rest of the manifest (fixed bytes, no System.Text.Json in the build);
/// optional parts (view options, row-level security, a grant's columns) only when set.
/// </summary>
public static class SecurityStateJson
{
    public static void Write(StringBuilder json, ObjectSecurity security)
    {
        json.Append("{ \"owner\": ").Append(ManifestJson.Str(security.Owner)).Append(", \"grants\": [")
            .Append(string.Join(", ", security.Grants.Select(Grant).ToArray())).Append(']');
        if (security.Options is { } options)
        {
            json.Append(", \"options\": ").Append(StrArray(options));
        }

        if (security.RowSecurity is { } rls)
        {
            json.Append(", \"rowSecurity\": { \"enabled\": ").Append(Bool(rls.Enabled)).Append(", \"forced\": ").Append(Bool(rls.Forced))
                .Append(", \"policies\": [").Append(string.Join(", ", rls.Policies.Select(Policy).ToArray())).Append("] }");
        }

        json.Append(" }");
    }

    public static void WriteRoles(StringBuilder json, IReadOnlyList<RoleState> roles) =>
        json.Append('[').Append(string.Join(", ", roles.Select(r =>
            "{ \"name\": " + ManifestJson.Str(r.Name) + ", \"login\": " + Bool(r.Login) + ", \"superuser\": " + Bool(r.Superuser)
            + ", \"createRole\": " + Bool(r.CreateRole) + ", \"createDb\": " + Bool(r.CreateDb) + ", \"replication\": " + Bool(r.Replication)
            + ", \"bypassRls\": " + Bool(r.BypassRls) + ", \"inherit\": " + Bool(r.Inherit) + ", \"memberOf\": " + StrArray(r.MemberOf) + (r.LoginMembersOnly ? ", \"loginMembersOnly\": true" : string.Empty) + " }").ToArray())).Append(']');

    public static ObjectSecurity Read(JsonElement security) => new(
        security.GetProperty("owner").GetString()!,
        security.GetProperty("grants").EnumerateArray().Select(g => new ObjectGrant(
            g.GetProperty("role").GetString()!,
            Strings(g.GetProperty("privileges")),
            g.TryGetProperty("columns", out var columns) ? Strings(columns) : null)).ToList(),
        security.TryGetProperty("options", out var options) ? Strings(options) : null,
        security.TryGetProperty("rowSecurity", out var rls) ? new RowSecurity(
            rls.GetProperty("enabled").GetBoolean(),
            rls.GetProperty("forced").GetBoolean(),
            rls.GetProperty("policies").EnumerateArray().Select(p => new PolicyState(
                p.GetProperty("name").GetString()!,
                p.GetProperty("command").GetString()!,
                p.GetProperty("permissive").GetBoolean(),
                Strings(p.GetProperty("roles")),
                NullableString(p.GetProperty("using")),
                NullableString(p.GetProperty("withCheck")))).ToList()) : null);

    public static IReadOnlyList<RoleState> ReadRoles(JsonElement roles) => roles.EnumerateArray().Select(r => new RoleState(
        r.GetProperty("name").GetString()!,
        r.GetProperty("login").GetBoolean(),
        r.GetProperty("superuser").GetBoolean(),
        r.GetProperty("createRole").GetBoolean(),
        r.GetProperty("createDb").GetBoolean(),
        r.GetProperty("replication").GetBoolean(),
        r.GetProperty("bypassRls").GetBoolean(),
        r.GetProperty("inherit").GetBoolean(),
        Strings(r.GetProperty("memberOf")),
        r.TryGetProperty("loginMembersOnly", out var loginMembersOnly) && loginMembersOnly.GetBoolean())).ToList();

    private static string Grant(ObjectGrant grant) =>
        "{ \"role\": " + ManifestJson.Str(grant.Role) + ", \"privileges\": " + StrArray(grant.Privileges)
        + (grant.Columns is { } columns ? ", \"columns\": " + StrArray(columns) : string.Empty) + " }";

    private static string Policy(PolicyState policy) =>
        "{ \"name\": " + ManifestJson.Str(policy.Name) + ", \"command\": " + ManifestJson.Str(policy.Command) + ", \"permissive\": " + Bool(policy.Permissive)
        + ", \"roles\": " + StrArray(policy.Roles) + ", \"using\": " + NullableStr(policy.Using) + ", \"withCheck\": " + NullableStr(policy.WithCheck) + " }";

    private static string Bool(bool value) => value ? "true" : "false";

    private static string NullableStr(string? value) => value is null ? "null" : ManifestJson.Str(value);

    private static string StrArray(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(ManifestJson.Str).ToArray()) + "]";

    private static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(s => s.GetString()!).ToList();

    private static string? NullableString(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();
}
