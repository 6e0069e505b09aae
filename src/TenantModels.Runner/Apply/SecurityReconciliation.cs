using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Apply;

/// <summary>
/// <c>apply --reconcile-security</c>: the roles and grants artefacts are idempotent and reconciling, but an unchanged
/// bundle plans nothing, so drift that <c>verify</c> reported would stay. Marking their records as changed makes the
/// planner run every one of them again (and nothing else), which resets roles, memberships, privileges and policies.
/// </summary>
internal static class SecurityReconciliation
{
    private const string Stale = "reconcile";

    public static IReadOnlyList<DeployedArtefact> Records(IReadOnlyList<DeployedArtefact> records, bool reconcile) =>
        reconcile
            ? records.Select(r => r.Kind is ArtefactKind.Roles or ArtefactKind.Grants ? r with { Checksum = Stale } : r).ToList()
            : records;
}
