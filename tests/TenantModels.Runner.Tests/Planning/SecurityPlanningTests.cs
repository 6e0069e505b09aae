using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Tests.Support;

namespace TenantModels.Runner.Tests.Planning;

/// <summary>The roles and grants kinds in the planner, including records written by bundles from before those kinds.</summary>
[TestClass]
public sealed class SecurityPlanningTests
{
    private static readonly string[] Tenants = { "alpha", "bravo", "charlie" };

    private static IReadOnlyList<DeployedArtefact> Applied(Bundle bundle) =>
        RecordedState.Empty.After(DeploymentPlanner.Plan(bundle, Array.Empty<DeployedArtefact>()).Steps).Records.ToList();

    /// <summary>
    /// What a bundle before the roles and grants kinds left: security artefacts recorded as the security schema, and
    /// every model's grants and policies appended to its own SQL (no grants records).
    /// </summary>
    private static List<DeployedArtefact> LegacyRecords(Bundle bundle)
    {
        var records = Applied(bundle);
        var grants = records.Where(r => r.Kind == ArtefactKind.Grants).ToDictionary(r => (r.DependsOn![0], r.TenantId));
        return records.Where(r => r.Kind != ArtefactKind.Grants).Select(r => r.Kind switch
        {
            ArtefactKind.Roles => r with { Kind = ArtefactKind.Schema, Object = "\"sp_security\"", Checksum = "sha256:old" },
            ArtefactKind.Table => r with { Definition = r.Definition + grants[(r.ArtefactId, r.TenantId)].Definition, Checksum = "sha256:old" },
            _ => r,
        }).ToList();
    }

    [TestMethod]
    public void RecordsFromBeforeTheSecurityKindsArePlannedWithoutDropsOrBlockers()
    {
        var bundle = SecuredProjects.Compile("sp", "2.0.0", Tenants, "shared");

        var plan = DeploymentPlanner.Plan(bundle, LegacyRecords(bundle));

        Assert.AreEqual(0, plan.Blockers.Count, string.Join("\n", plan.Blockers));
        Assert.IsFalse(plan.Steps.Any(s => s.Action == PlanStepAction.Drop), string.Join("\n", plan.Steps.Select(s => s.ArtefactId + " " + s.Action)));
        Assert.AreEqual(PlanStepReason.Changed, plan.Steps.Single(s => s.ArtefactId == "security.roles").Reason);
        Assert.AreEqual(PlanStepAction.Alter, plan.Steps.Single(s => s.ArtefactId == "table.screens").Action);
        StringAssert.Contains(plan.Steps.Single(s => s.ArtefactId == "table.screens").Sql, "only the text of its definition changed");
        Assert.AreEqual(PlanStepReason.New, plan.Steps.Single(s => s.ArtefactId == "grants.table.screens").Reason);
    }

    [TestMethod]
    public void ARemovedTenantsLegacyRolesRecordIsTornDownNotDroppedAsASchema()
    {
        var records = LegacyRecords(SecuredProjects.Compile("sp", "1.0.0", Tenants, "shared"));

        var plan = DeploymentPlanner.Plan(SecuredProjects.Compile("sp", "2.0.0", Tenants.Take(2), "shared"), records);

        var teardown = plan.Steps.Single(s => s.ArtefactId == "security.tenant_roles" && s.TenantId == "charlie");
        Assert.AreEqual(ArtefactKind.Roles, teardown.Kind);
        Assert.AreEqual(PlanStepReason.TenantRemoved, teardown.Reason);
        StringAssert.Contains(teardown.Sql, "DROP ROLE %I");
        StringAssert.Contains(teardown.Sql, "\"sp_security\".\"tenant_role\"");
        Assert.IsFalse(plan.Steps.Any(s => s.Sql.Contains("DROP SCHEMA IF EXISTS \"sp_security\"", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void DroppingRolesOrGrantsDoesNotRecreateWhatDependsOnThem()
    {
        var bundle = SecuredProjects.Compile("sp", "1.0.0", Tenants);
        var records = Applied(bundle).ToList();
        var roles = records.Single(r => r.ArtefactId == "security.roles");
        var grants = records.Single(r => r.ArtefactId == "grants.table.orders" && r.TenantId == "alpha");
        // Roles and grants the bundle no longer has, which the tenant's table and schema were recorded as depending on.
        records.Add(roles with { ArtefactId = "security.old_roles" });
        records.Add(grants with { ArtefactId = "grants.old" });
        records = records.Select(r => r.TenantId == "alpha" && r.ArtefactId is "table.orders" or "tenant_schema"
            ? r with { DependsOn = r.DependsOn!.Concat(new[] { "security.old_roles", "grants.old" }).ToList() }
            : r).ToList();

        var plan = DeploymentPlanner.Plan(bundle, records);

        CollectionAssert.AreEquivalent(new[] { "grants.old", "security.old_roles" }, plan.Steps.Select(s => s.ArtefactId).ToArray());
        Assert.AreEqual(0, plan.DataLossSteps.Count);
        StringAssert.StartsWith(plan.Steps.Single(s => s.ArtefactId == "grants.old").Sql, "-- grants of");
        StringAssert.StartsWith(plan.Steps.Single(s => s.ArtefactId == "security.old_roles").Sql, "-- global roles removed");
    }
}
