using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Apply;

namespace TenantModels.Runner.Tests.Planning;

/// <summary>Which tenant units <c>apply --jobs</c> may run alongside others: those that touch only their own tenant's objects.</summary>
[TestClass]
public sealed class ParallelEligibilityTests
{
    private const string Tenant = "acme";

    [TestMethod]
    public void ATenantsOwnSchemaViewsTablesSeedsAndGrantsMayRunAlongsideOthers()
    {
        var unit = new PlanUnit(PlanUnitKey.Tenant(Tenant), new[]
        {
            Step(ArtefactKind.Schema), Step(ArtefactKind.View), Step(ArtefactKind.Table), Step(ArtefactKind.Seed),
            Step(ArtefactKind.MaterializedView), Step(ArtefactKind.Grants),
        });

        Assert.IsTrue(ParallelTenantUnits.CanRunAlongsideOthers(unit));
    }

    [TestMethod]
    [DataRow(ArtefactKind.Roles, ArtefactScope.Tenant, Tenant, DisplayName = "roles: database-wide rows (CONNECT on the database)")]
    [DataRow(ArtefactKind.Partition, ArtefactScope.Tenant, Tenant, DisplayName = "partition: locks the canonical table")]
    [DataRow(ArtefactKind.View, ArtefactScope.Union, null, DisplayName = "a union recreated with the tenant")]
    [DataRow(ArtefactKind.Schema, ArtefactScope.Global, null, DisplayName = "a global artefact")]
    [DataRow(ArtefactKind.View, ArtefactScope.Tenant, "other", DisplayName = "another tenant's object")]
    public void AUnitWithAStepBeyondItsOwnTenantRunsAlone(ArtefactKind kind, ArtefactScope scope, string? tenant)
    {
        var unit = new PlanUnit(PlanUnitKey.Tenant(Tenant), new[] { Step(ArtefactKind.Schema), Step(kind, scope, tenant) });

        Assert.IsFalse(ParallelTenantUnits.CanRunAlongsideOthers(unit));
    }

    [TestMethod]
    public void RemovalsAndGlobalOrUnionUnitsRunAlone()
    {
        Assert.IsFalse(ParallelTenantUnits.CanRunAlongsideOthers(new PlanUnit(PlanUnitKey.Tenant(Tenant), new[] { Step(ArtefactKind.View, action: PlanStepAction.Drop) }, Removal: true)));
        Assert.IsFalse(ParallelTenantUnits.CanRunAlongsideOthers(new PlanUnit(PlanUnitKey.Global, new[] { Step(ArtefactKind.Schema, ArtefactScope.Global, null) })));
        Assert.IsFalse(ParallelTenantUnits.CanRunAlongsideOthers(new PlanUnit(PlanUnitKey.Union, new[] { Step(ArtefactKind.View, ArtefactScope.Union, null) })));
    }

    private static PlanStep Step(ArtefactKind kind, ArtefactScope scope = ArtefactScope.Tenant, string? tenant = Tenant, PlanStepAction action = PlanStepAction.Create) =>
        new(action, PlanStepReason.New, kind.ToString().ToLowerInvariant(), tenant, kind, scope, "\"x\"", "SELECT 1;\n", "sha256:0", null, Array.Empty<string>(), null);
}
