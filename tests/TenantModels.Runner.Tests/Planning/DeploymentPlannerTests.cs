using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Tests.Support;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Planning;

/// <summary>The planner alone (pure): which transactions, which steps, in which order.</summary>
[TestClass]
public sealed class DeploymentPlannerTests
{
    private static string Describe(PlanStep step) =>
        $"{(step.Action == PlanStepAction.Drop ? "drop" : "create")} {step.ArtefactId}/{step.TenantId ?? "-"}/{step.Reason}";

    private static string[] Describe(PlanUnit unit) => unit.Steps.Select(Describe).ToArray();

    /// <summary>The record a successful apply of <paramref name="bundle"/> leaves.</summary>
    private static IReadOnlyList<DeployedArtefact> Applied(Bundle bundle, IEnumerable<DeployedArtefact>? start = null)
    {
        var plan = DeploymentPlanner.Plan(bundle, start ?? Array.Empty<DeployedArtefact>());
        return new RecordedState(start ?? Array.Empty<DeployedArtefact>()).After(plan.Steps).Records.ToList();
    }

    /// <summary>The record is kept per tenant: a unit's changes land in its own tenant and leave the state it started from as it was.</summary>
    [TestMethod]
    public void RecordAfterAUnitChangesOnlyThatTenantAndForgetsATenantWithNothingLeft()
    {
        var applied = Applied(HandBuiltBundles.CallAnalytics());
        var state = new RecordedState(applied);
        var javi = applied.Where(r => r.TenantId == Javi).ToList();
        var drops = javi.Select(r => new PlanStep(PlanStepAction.Drop, PlanStepReason.TenantRemoved, r.ArtefactId, r.TenantId, r.Kind!.Value, r.Scope!.Value, r.Object!, "DROP", null, null, r.DependsOn!, null));
        var changed = applied.Single(r => r.TenantId == Acme && r.ArtefactId == "staging_view.outreach.call");
        var change = new PlanStep(PlanStepAction.Create, PlanStepReason.Changed, changed.ArtefactId, Acme, ArtefactKind.View, ArtefactScope.Tenant, changed.Object!, "CREATE", "sha256:new", null, changed.DependsOn!, null);

        var next = state.After(drops.Append(change).ToList());

        CollectionAssert.AreEqual(new[] { Acme, Pablo }.OrderBy(t => t, StringComparer.Ordinal).ToArray(), next.TenantIds.ToArray(), "a tenant whose every record was dropped is no tenant of the record");
        Assert.AreEqual("sha256:new", next.Find(changed.ArtefactId, Acme)!.Checksum);
        Assert.AreEqual(applied.Count - javi.Count, next.Records.Count());
        Assert.AreEqual(changed.Checksum, state.Find(changed.ArtefactId, Acme)!.Checksum, "the earlier state is unchanged");
        Assert.AreEqual(applied.Count, state.Records.Count());
        CollectionAssert.Contains(state.TenantIds.ToArray(), Javi);
    }

    [TestMethod]
    public void ASchemaMissingFromTheLiveDatabaseIsCreatedAgainWithWhatItHeldAndNothingIsDropped()
    {
        var live = Applied(HandBuiltBundles.CallAnalytics())
            .Select(r => r.TenantId == Pablo || r.ArtefactId == "canonical_view.call" ? r with { Live = LiveCondition.Missing } : r).ToList();

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics(), live);

        CollectionAssert.AreEqual(new[] { "tenant " + Pablo, "union" }, plan.Units.Select(u => u.Key.ToString()).ToArray());
        CollectionAssert.AreEqual(
            new[] { $"create staging_schema.salesloft/{Pablo}/Missing", $"create staging_view.salesloft.call/{Pablo}/Missing" },
            Describe(plan.Units[0]));
        CollectionAssert.AreEqual(new[] { "create canonical_view.call/-/Missing" }, Describe(plan.Units[1]));
        CollectionAssert.AreEqual(new[] { Javi, Pablo, Acme }, plan.Units[1].Steps[0].IncludedTenants!.ToArray());
        Assert.AreEqual(0, plan.DataLossSteps.Count);
    }

    [TestMethod]
    public void AViewChangedInTheLiveDatabaseIsDroppedAndCreatedAgainAndTheUnionOverItRebuiltOnce()
    {
        var live = Applied(HandBuiltBundles.CallAnalytics())
            .Select(r => r.TenantId == Javi && r.ArtefactId == "staging_view.outreach.call" ? r with { Live = LiveCondition.Changed } : r).ToList();

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics(), live);

        CollectionAssert.AreEqual(
            new[] { "drop canonical_view.call/-/DependencyRecreated", $"drop staging_view.outreach.call/{Javi}/Drifted", $"create staging_view.outreach.call/{Javi}/Drifted" },
            Describe(plan.Units[0]));
        CollectionAssert.AreEqual(new[] { "create canonical_view.call/-/New" }, Describe(plan.Units[1]));
    }

    [TestMethod]
    public void EmptyRecordPlansGlobalThenEachTenantThenTheUnion()
    {
        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics(), Array.Empty<DeployedArtefact>());

        CollectionAssert.AreEqual(new[] { "global", "tenant " + Javi, "tenant " + Pablo, "tenant " + Acme, "union" }, plan.Units.Select(u => u.Key.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { $"create staging_schema.outreach/{Javi}/New", $"create staging_view.outreach.call/{Javi}/New" }, Describe(plan.Units[1]));
        var union = plan.Units[^1].Steps.Single();
        CollectionAssert.AreEqual(new[] { Javi, Pablo, Acme }, union.IncludedTenants!.ToArray());
        StringAssert.Contains(union.Sql, $"FROM \"{Acme}_stg_outreach\".\"call\"");
    }

    [TestMethod]
    public void RecordOfASuccessfulApplyGivesAnEmptyPlan()
    {
        var bundle = HandBuiltBundles.CallAnalytics();

        Assert.IsTrue(DeploymentPlanner.Plan(bundle, Applied(bundle)).IsEmpty);
    }

    [TestMethod]
    public void CompatibleChangeReplacesOnlyThatTenantsView()
    {
        var recorded = Applied(HandBuiltBundles.CallAnalytics());

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics("1.1.0", HandBuiltBundles.SalesloftView("upper(\"call\".\"disposition\")")), recorded);

        Assert.AreEqual(1, plan.Units.Count);
        CollectionAssert.AreEqual(new[] { $"create staging_view.salesloft.call/{Pablo}/Changed" }, Describe(plan.Units[0]));
    }

    [TestMethod]
    public void SignatureChangeDropsTheUnionInTheFirstTenantsTransactionAndBuildsItOnceOverEveryTenant()
    {
        var recorded = Applied(HandBuiltBundles.CallAnalytics());

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics("2.0.0", callIdType: "numeric"), recorded);

        CollectionAssert.AreEqual(
            new[]
            {
                $"drop canonical_view.call/-/DependencyRecreated",
                $"drop staging_view.outreach.call/{Javi}/SignatureChanged",
                $"create staging_view.outreach.call/{Javi}/SignatureChanged",
            },
            Describe(plan.Units[0]));
        // Never a union over the tenants done so far: it is missing until the union unit builds it over all of them.
        CollectionAssert.AreEqual(new[] { $"drop staging_view.salesloft.call/{Pablo}/SignatureChanged", $"create staging_view.salesloft.call/{Pablo}/SignatureChanged" }, Describe(plan.Units[1]));
        Assert.AreEqual("union", plan.Units[^1].Key.ToString());
        CollectionAssert.AreEqual(new[] { "create canonical_view.call/-/New" }, Describe(plan.Units[^1]));
        CollectionAssert.AreEqual(new[] { Javi, Pablo, Acme }, plan.Units[^1].Steps[0].IncludedTenants!.ToArray());
        Assert.AreEqual(0, plan.DataLossSteps.Count);
    }

    [TestMethod]
    public void RemovedTenantIsDroppedWithTheUnionBuiltAgainWithoutItAndFlaggedAsDataLoss()
    {
        var recorded = Applied(HandBuiltBundles.CallAnalytics());
        var withoutAcme = HandBuiltBundles.Tenants.Where(t => t.Id != Acme).ToList();

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics("1.1.0", tenants: withoutAcme), recorded);

        var unit = plan.Units[0];
        Assert.IsTrue(unit.Removal);
        CollectionAssert.AreEqual(
            new[]
            {
                "drop canonical_view.call/-/DependencyRecreated",
                $"drop staging_view.outreach.call/{Acme}/TenantRemoved",
                $"drop staging_schema.outreach/{Acme}/TenantRemoved",
            },
            Describe(unit));
        CollectionAssert.AreEqual(new[] { "create canonical_view.call/-/New" }, Describe(plan.Units[1]));
        CollectionAssert.AreEqual(new[] { Javi, Pablo }, plan.Units[1].Steps[0].IncludedTenants!.ToArray());
        Assert.AreEqual($"\"{Acme}_stg_outreach\"", plan.DataLossSteps.Single().Object);
    }

    [TestMethod]
    public void UnionLeavesOutATenantWhoseArtefactsAreNotRecorded()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var target = DeploymentTarget.For(bundle);
        var state = DeploymentPlanner.Prepare(target, Array.Empty<DeployedArtefact>());
        foreach (var key in DeploymentPlanner.UnitKeys(target, state).Where(k => k.TenantId != Acme && k.Kind != PlanUnitKind.Union))
        {
            state = state.After(DeploymentPlanner.PlanUnit(key, target, state).Steps);
        }

        var union = DeploymentPlanner.PlanUnit(PlanUnitKey.Union, target, state);

        CollectionAssert.AreEqual(new[] { Javi, Pablo }, union.Steps.Single().IncludedTenants!.ToArray());
        Assert.IsFalse(union.Steps.Single().Sql.Contains(Acme, StringComparison.Ordinal));
    }

    [TestMethod]
    public void ArtefactRemovedFromTheBundleIsDroppedAndASchemaDropIsDataLoss()
    {
        var recorded = Applied(HandBuiltBundles.CallAnalytics());
        var extra = recorded.Append(new DeployedArtefact("old_view", Javi, "sha256:x", ArtefactKind.View, ArtefactScope.Tenant, $"\"{Javi}_stg_outreach\".\"old\"", null, new[] { "staging_schema.outreach" }));

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics(), extra);

        var step = plan.Steps.Single();
        Assert.AreEqual($"DROP VIEW IF EXISTS \"{Javi}_stg_outreach\".\"old\";\n", step.Sql);
        Assert.AreEqual(PlanStepReason.Removed, step.Reason);
        Assert.IsFalse(step.LosesData);
    }

    [TestMethod]
    public void RuntimeTenantIsPlannedAfterTheBundleTenantsAndJoinsTheUnion()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var runtime = new BundleTenant("org_new_1", "New", true, new[] { "salesloft" });

        var plan = DeploymentPlanner.Plan(DeploymentTarget.For(bundle, new[] { runtime }), Applied(bundle));

        CollectionAssert.AreEqual(new[] { "tenant org_new_1", "union" }, plan.Units.Select(u => u.Key.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { Javi, Pablo, Acme, "org_new_1" }, plan.Units[1].Steps.Single().IncludedTenants!.ToArray());
    }

    [TestMethod]
    [DataRow("1.0.0", "1.1.0", true)]
    [DataRow("1.10.0", "1.9.0", false)]
    [DataRow("2.0.0-beta.2", "2.0.0-beta.10", true)]
    [DataRow("2.0.0", "2.0.0-rc.1", false)]
    [DataRow("1.0.0-alpha", "1.0.0-alpha.1", true)]
    public void BundleVersionsCompareBySemVerPrecedence(string deployed, string candidate, bool allowed)
    {
        Assert.AreEqual(allowed, BundleVersionGate.Check(deployed, "h1", candidate, "h2", allowSameVersion: false) is null);
    }

    [TestMethod]
    public void SameVersionWithOtherContentNeedsTheFlag()
    {
        StringAssert.Contains(BundleVersionGate.Check("1.0.0", "h1", "1.0.0", "h2", allowSameVersion: false), "--allow-same-version");
        Assert.IsNull(BundleVersionGate.Check("1.0.0", "h1", "1.0.0", "h2", allowSameVersion: true));
        Assert.IsNull(BundleVersionGate.Check("1.0.0", "h1", "1.0.0", "h1", allowSameVersion: false));
    }
}
