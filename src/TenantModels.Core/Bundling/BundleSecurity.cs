using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>
/// The manifest's <c>security</c> section (absent without a <c>security:</c> definition): the role names the bundle
/// creates, so the runner can make logins members of them, and the shipped isolation checks.
/// </summary>
/// <param name="Isolation"><c>schema</c>, <c>shared</c> or <c>database</c>.</param>
/// <param name="Schema">The schema of the role → tenant registry.</param>
/// <param name="ChecksPath">Bundle-relative path of the isolation checks (<see cref="IsolationCheck"/>).</param>
/// <param name="ChecksChecksum">SHA-256 of that file, like an artefact's checksum.</param>
public sealed record BundleSecurity(
    string Isolation,
    string Owner,
    string Admin,
    string App,
    string Schema,
    IReadOnlyList<BundleTenantRole> TenantRoles,
    string ChecksPath,
    string ChecksChecksum);

/// <summary>A tenant role kind: its name pattern (<c>&lt;tenant&gt;</c> for the tenant id) and the group every tenant's role of it joins.</summary>
public sealed record BundleTenantRole(string Kind, string Pattern, string Group)
{
    /// <summary>The role of this kind for one tenant (ids are validated, so the result is a valid name).</summary>
    public string RoleFor(string tenantId) => Pattern.Replace(Naming.NamingPattern.TenantToken, tenantId);
}
