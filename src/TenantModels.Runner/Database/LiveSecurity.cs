using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// The typed security comparison: the bundle's desired owners, grants, view options, row-level security, policies, roles
/// and memberships (<see cref="DesiredSecurityState"/>) against the live catalog (<see cref="LiveSecurityState"/>). For a
/// bundle that carries them it decides what <c>verify</c> reports and <c>apply</c> repairs about those; the isolation
/// checks that assert the same things are then not run (<see cref="Covers"/>), the others still are.
/// </summary>
internal sealed class LiveSecurity
{
    /// <summary>Role checks the typed roles assert entirely (a tenant's roles: attributes, memberships, members that are logins).</summary>
    private static readonly HashSet<string> RoleChecks = new(StringComparer.Ordinal) { "roles.attributes", "tenant.roles.attributes", "tenant.roles.memberships" };

    private readonly IReadOnlySet<string> _securedArtefacts;

    private LiveSecurity(IReadOnlyList<SecurityDifference> differences, IReadOnlySet<string> securedArtefacts)
    {
        Differences = differences;
        _securedArtefacts = securedArtefacts;
    }

    public IReadOnlyList<SecurityDifference> Differences { get; }

    /// <summary>The differences as verify prints them.</summary>
    public IEnumerable<DriftResult> Drift => Differences.Select(d => new DriftResult(d.Artefact, d.Tenant, d.Object, d.Problem));

    /// <summary>
    /// Whether the typed comparison asserts what this isolation check does: role attributes, a tenant's roles' memberships, and the privileges, owner,
    /// options and policies of an object whose artefact carries its security (object and schema checks).
    /// </summary>
    public bool Covers(IsolationCheck check) =>
        RoleChecks.Contains(check.Name)
        || (check.Name.StartsWith("object.", StringComparison.Ordinal) || check.Name.StartsWith("schema.", StringComparison.Ordinal)) && _securedArtefacts.Contains(check.Artefact);

    /// <summary>Null when the bundle carries no typed security (built before it, or without <c>security:</c>).</summary>
    public static LiveSecurity? Compare(NpgsqlConnection connection, Bundle bundle, IReadOnlyList<RecordedRow> rows)
    {
        if (!DesiredSecurityState.IsCarriedBy(bundle.Manifest))
        {
            return null;
        }

        var desired = DesiredSecurityState.Of(bundle.Manifest, rows.Select(r => (r.Artefact.ArtefactId, r.Artefact.TenantId)));
        var relations = LiveSecurityState.Relations(connection, desired.Objects.Where(o => !o.IsSchema).Select(o => o.Object));
        var schemas = LiveSecurityState.Schemas(connection, desired.Objects.Where(o => o.IsSchema).Select(o => o.Object));
        var policies = LiveSecurityState.Policies(connection, desired.Objects.Where(o => o.Security.RowSecurity is not null).Select(o => o.Object));
        var roles = LiveSecurityState.Roles(connection, desired.Roles.Select(r => r.Role.Name));
        var secured = bundle.Manifest.Artefacts.Where(a => a.Security is not null).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return new LiveSecurity(SecurityStateDiff.Of(desired, relations, schemas, policies, roles), secured);
    }
}
