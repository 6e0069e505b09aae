using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Tests.Support;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Planning;

/// <summary>
/// The planner compares a tenant instance's recorded expansion key (template, kind, tenant id, sources, values) before
/// expanding it: an unchanged one is not expanded, whatever changed is, and a record without keys plans as it always did.
/// </summary>
[TestClass]
public sealed class ExpansionKeyPlanningTests
{
    private static IReadOnlyList<DeployedArtefact> Applied(Bundle bundle) =>
        new RecordedState(Array.Empty<DeployedArtefact>()).After(DeploymentPlanner.Plan(bundle, Array.Empty<DeployedArtefact>()).Steps).Records.ToList();

    private static string[] Creates(DeploymentPlan plan) =>
        plan.Steps.Where(s => s.Action != PlanStepAction.Drop).Select(s => s.ArtefactId + "/" + (s.TenantId ?? "-")).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    private static string[] Sorted(IEnumerable<string> items) => items.OrderBy(s => s, StringComparer.Ordinal).ToArray();

    [TestMethod]
    public void EveryTenantInstanceIsRecordedWithItsKeyAndNoOtherIs()
    {
        var applied = Applied(HandBuiltBundles.CallAnalytics());

        Assert.IsTrue(applied.Where(r => r.TenantId is not null).All(r => r.ExpansionKey is { Length: > 0 }));
        Assert.IsTrue(applied.Where(r => r.TenantId is null).All(r => r.ExpansionKey is null), "global and union instances are expanded every time");
        Assert.AreEqual(applied.Count(r => r.TenantId is not null), applied.Where(r => r.TenantId is not null).Select(r => r.ExpansionKey).Distinct().Count(),
            "each instance has its own key");
    }

    [TestMethod]
    public void AnInstanceWhoseKeyMatchesIsNotExpandedAgainAndOneWithoutAKeyIs()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        // A checksum nothing expands to: only a plan that expands the instance and compares checksums sees it.
        var wrongChecksums = Applied(bundle).Select(r => r.TenantId is null ? r : r with { Checksum = "sha256:not-what-it-expands-to" }).ToList();

        Assert.IsTrue(DeploymentPlanner.Plan(bundle, wrongChecksums).IsEmpty, "matching keys: nothing expanded, nothing compared");

        var withoutKeys = DeploymentPlanner.Plan(bundle, wrongChecksums.Select(r => r with { ExpansionKey = null }).ToList());
        CollectionAssert.AreEqual(
            Sorted(wrongChecksums.Where(r => r.TenantId is not null).Select(r => r.ArtefactId + "/" + r.TenantId)),
            Creates(withoutKeys).Where(c => !c.EndsWith("/-", StringComparison.Ordinal)).ToArray(),
            "without keys every tenant instance is expanded and its checksum compared");
    }

    [TestMethod]
    public void ARecordWithoutKeysPlansTheSameBundleAsNothingAndNamesTheKeysToStore()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var keyed = Applied(bundle);
        var old = keyed.Select(r => r with { ExpansionKey = null }).ToList();

        var plan = DeploymentPlanner.Plan(bundle, old);

        Assert.IsTrue(plan.IsEmpty);
        CollectionAssert.AreEquivalent(
            keyed.Where(r => r.TenantId is not null).Select(r => (r.ArtefactId, r.TenantId, r.Checksum, r.ExpansionKey)).ToList(),
            plan.Rekeyed.Select(r => (r.ArtefactId, r.TenantId, r.Checksum, r.ExpansionKey)).ToList(),
            "every tenant instance gets the key a fresh apply records, beside its unchanged checksum");
        Assert.AreEqual(0, DeploymentPlanner.Plan(bundle, keyed).Rekeyed.Count, "keys already stored are not stored again");
    }

    [TestMethod]
    public void AChangedTemplateReplansTheInstancesOfEveryTenantHavingItAndNothingElse()
    {
        var applied = Applied(HandBuiltBundles.CallAnalytics());
        var changed = HandBuiltBundles.CallAnalytics(salesloftView: HandBuiltBundles.SalesloftView("upper(\"call\".\"disposition\")"));

        var plan = DeploymentPlanner.Plan(changed, applied);

        // The view keeps its columns: replaced in place, the union over it stays.
        CollectionAssert.AreEqual(new[] { $"staging_view.salesloft.call/{Pablo}" }, Creates(plan));
        Assert.AreEqual(PlanStepReason.Changed, plan.Steps.Single(s => s.TenantId == Pablo).Reason);
    }

    [TestMethod]
    public void ATenantWithAnotherSourceReplansThatTenantAlone()
    {
        var applied = Applied(HandBuiltBundles.CallAnalytics());
        var tenants = HandBuiltBundles.Tenants.Select(t => t.Id == Acme ? t with { Sources = new[] { "outreach", "salesloft" } } : t).ToList();

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics(tenants: tenants), applied);

        CollectionAssert.AreEqual(
            new[] { "canonical_view.call/-", $"staging_schema.salesloft/{Acme}", $"staging_view.salesloft.call/{Acme}" },
            Creates(plan));
        Assert.IsTrue(plan.Rekeyed.All(r => r.TenantId == Acme), "only the tenant whose inputs changed gets new keys for what it keeps");
        CollectionAssert.AreEquivalent(new[] { "staging_schema.outreach", "staging_view.outreach.call" }, plan.Rekeyed.Select(r => r.ArtefactId).ToList());
    }

    [TestMethod]
    public void AValueNoTemplateUsesChangesTheTenantsKeysButNotItsSql()
    {
        var applied = Applied(HandBuiltBundles.CallAnalytics());
        var tenants = HandBuiltBundles.Tenants.Select(t => t.Id == Javi ? t with { Values = new[] { new TenantValue("tier", "text", "gold") } } : t).ToList();

        var plan = DeploymentPlanner.Plan(HandBuiltBundles.CallAnalytics(tenants: tenants), applied);

        Assert.IsTrue(plan.IsEmpty, "the same SQL: nothing to run");
        CollectionAssert.AreEquivalent(
            applied.Where(r => r.TenantId == Javi).Select(r => r.ArtefactId).ToList(),
            plan.Rekeyed.Select(r => r.ArtefactId).ToList());
        Assert.IsTrue(plan.Rekeyed.All(r => r.TenantId == Javi && r.ExpansionKey != applied.Single(a => a.ArtefactId == r.ArtefactId && a.TenantId == Javi).ExpansionKey));
    }

    [TestMethod]
    public void AnInstanceMissingFromTheLiveDatabaseIsRepairedWhateverItsKey()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var live = Applied(bundle).Select(r => r.TenantId == Acme && r.ArtefactId == "staging_view.outreach.call" ? r with { Live = LiveCondition.Missing } : r).ToList();

        var plan = DeploymentPlanner.Plan(bundle, live);

        CollectionAssert.Contains(plan.Steps.Select(s => $"{s.ArtefactId}/{s.TenantId}/{s.Reason}").ToArray(), $"staging_view.outreach.call/{Acme}/Missing");
    }
}
