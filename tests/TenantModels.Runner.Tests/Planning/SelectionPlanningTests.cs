using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Tests.Support;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Planning;

/// <summary>A target with selected tenants (the runner's --tenant, --tier, --where): the others are neither planned nor removed.</summary>
[TestClass]
public sealed class SelectionPlanningTests
{
    private static IReadOnlyList<DeployedArtefact> Applied(Bundle bundle) =>
        new RecordedState(Array.Empty<DeployedArtefact>()).After(DeploymentPlanner.Plan(bundle, Array.Empty<DeployedArtefact>()).Steps).Records.ToList();

    [TestMethod]
    public void OnlyTheSelectedTenantsUnitsArePlannedWithTheGlobalAndUnionOnes()
    {
        var bundle = HandBuiltBundles.CallAnalytics();

        var plan = DeploymentPlanner.Plan(DeploymentTarget.For(bundle).Selecting(new[] { Pablo }), Array.Empty<DeployedArtefact>());

        CollectionAssert.AreEqual(new[] { "global", "tenant " + Pablo, "union" }, plan.Units.Select(u => u.Key.ToString()).ToArray());
    }

    [TestMethod]
    public void ATenantLeftOutOfTheSelectionIsNotRemovedButARemovedOneSelectedIs()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var recorded = Applied(bundle);
        var withoutJavi = HandBuiltBundles.CallAnalytics(tenants: HandBuiltBundles.Tenants.Where(t => t.Id != Javi).ToArray());

        var others = DeploymentPlanner.Plan(DeploymentTarget.For(withoutJavi).Selecting(new[] { Acme }), recorded);
        var javi = DeploymentPlanner.Plan(DeploymentTarget.For(withoutJavi).Selecting(new[] { Javi }), recorded);

        Assert.IsFalse(others.Steps.Any(s => s.TenantId == Javi), "a tenant that was not selected was planned: " + string.Join(", ", others.Steps.Select(s => s.ArtefactId + "/" + s.TenantId)));
        CollectionAssert.AreEqual(new[] { "tenant " + Javi, "union" }, javi.Units.Select(u => u.Key.ToString()).ToArray());
        Assert.IsTrue(javi.Units[0].Removal);
    }

    [TestMethod]
    public void TheUnionCoversEveryReadyTenantNotOnlyTheSelection()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var recorded = Applied(bundle).Where(r => r.TenantId != Acme && r.ArtefactId != "canonical_view.call").ToList();

        var plan = DeploymentPlanner.Plan(DeploymentTarget.For(bundle).Selecting(new[] { Acme }), recorded);

        var union = plan.Units.Single(u => u.Key.Kind == PlanUnitKind.Union).Steps.Single();
        CollectionAssert.AreEqual(new[] { Javi, Pablo, Acme }, union.IncludedTenants!.ToArray());
    }
}
