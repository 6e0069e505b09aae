using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Tests.Planning;

[TestClass]
public sealed class DeploymentPlannerTests
{
    private static Bundle TwoTenantBundle(string viewSql = "CREATE VIEW \"{{tenant}}_stg\".v AS SELECT 1;") => BundleAssembler.Assemble(
        "P",
        "1.0.0",
        new[] { new BundleSource("outreach", "<tenant>_raw_outreach") },
        new[]
        {
            new BundleTenant("alpha", "Alpha", true, new[] { "outreach" }),
            new BundleTenant("beta", "Beta", true, new[] { "outreach" }),
            new BundleTenant("gamma", "Gamma", false, new[] { "outreach" }),
        },
        new[]
        {
            new CompiledArtefact("schema", ArtefactKind.Schema, ArtefactScope.Tenant, "outreach", "CREATE SCHEMA \"{{tenant}}_stg\";", Array.Empty<string>(), "\"{{tenant}}_stg\"", null),
            new CompiledArtefact("view", ArtefactKind.View, ArtefactScope.Tenant, "outreach", viewSql, new[] { "schema" }, "\"{{tenant}}_stg\".\"v\"", "\"id\" bigint"),
            new CompiledArtefact("canonical", ArtefactKind.Schema, ArtefactScope.Global, null, "CREATE SCHEMA canonical;", Array.Empty<string>(), "\"canonical\"", null),
        });

    private static string Describe(PlanStep step) => $"{step.Instance.Artefact.Id}/{step.Instance.TenantId ?? "-"}/{step.Reason}";

    [TestMethod]
    public void EmptyRecordPlansEveryInstanceOfEnabledTenantsInBundleOrder()
    {
        var plan = DeploymentPlanner.Plan(TwoTenantBundle(), Array.Empty<DeployedArtefact>());

        CollectionAssert.AreEqual(
            new[] { "schema/alpha/New", "schema/beta/New", "view/alpha/New", "view/beta/New", "canonical/-/New" },
            plan.Steps.Select(Describe).ToArray());
        Assert.AreEqual("CREATE SCHEMA \"beta_stg\";", plan.Steps[1].Instance.Sql);
        Assert.IsFalse(plan.IsEmpty);
    }

    [TestMethod]
    public void RecordMatchingEveryChecksumGivesAnEmptyPlan()
    {
        var bundle = TwoTenantBundle();
        var recorded = ArtefactExpander.Expand(bundle).Select(i => new DeployedArtefact(i.Artefact.Id, i.TenantId, i.Checksum)).ToList();

        var plan = DeploymentPlanner.Plan(bundle, recorded);

        Assert.IsTrue(plan.IsEmpty);
    }

    [TestMethod]
    public void ChangedTemplateIsChangedForEveryTenantAndNothingElse()
    {
        var deployed = ArtefactExpander.Expand(TwoTenantBundle())
            .Select(i => new DeployedArtefact(i.Artefact.Id, i.TenantId, i.Checksum)).ToList();

        var plan = DeploymentPlanner.Plan(TwoTenantBundle("CREATE VIEW \"{{tenant}}_stg\".v AS SELECT 2;"), deployed);

        CollectionAssert.AreEqual(new[] { "view/alpha/Changed", "view/beta/Changed" }, plan.Steps.Select(Describe).ToArray());
    }

    [TestMethod]
    public void GlobalRecordDoesNotSatisfyATenantInstanceWithTheSameId()
    {
        var bundle = TwoTenantBundle();
        var recorded = ArtefactExpander.Expand(bundle)
            .Where(i => i.TenantId != "beta")
            .Select(i => new DeployedArtefact(i.Artefact.Id, i.TenantId, i.Checksum))
            .Append(new DeployedArtefact("schema", null, ArtefactExpander.Expand(bundle)[1].Checksum))
            .ToList();

        var plan = DeploymentPlanner.Plan(bundle, recorded);

        CollectionAssert.AreEqual(new[] { "schema/beta/New", "view/beta/New" }, plan.Steps.Select(Describe).ToArray());
    }
}
