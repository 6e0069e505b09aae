using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>A tenant provisioned with <c>--tier</c> and <c>--attribute</c> is selected by them and its SQL gets its own values.</summary>
[TestClass]
public sealed class ProvisionedTierAndAttributesTests
{
    private static string Bundle()
    {
        var files = new (string Path, string Text)[]
        {
            ("tenants.yaml", "attributes:\n  region: text\n  seats: integer\ndefaults:\n  tier: standard\n  attributes: { seats: 1 }\ntenants:\n  - id: acme\n    tier: premium\n    attributes: { region: eu, seats: 5 }\n"),
            ("models/profile.yaml", """
                model: profile
                materialized: view
                columns:
                  tier: text
                  region: text
                  seats: integer
                sql: "select {{ tier }}::text as tier, {{ attr('region') }}::text as region, {{ attr('seats') }}::integer as seats"
                """),
        };
        var result = ModelProjectCompiler.Compile(new ProjectInput("Profiles", "1.0.0", files.Select(f => new DefinitionFile(f.Path, f.Path, f.Text)).ToList()));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        return HandBuiltBundles.WriteToTemp(result.Bundle!);
    }

    [TestMethod]
    public void A_provisioned_tenant_keeps_its_tier_and_attributes_for_selection_and_sql()
    {
        var db = SharedPostgres.Server.CreateDatabase("provision_tier");
        var bundle = Bundle();
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        var pied = CliRun.Against(db, "tenants", "provision", bundle, "pied", "--tier", "premium", "--attribute", "region=us");
        Assert.AreEqual(ExitCodes.Success, pied.ExitCode, pied.ToString());
        var plain = CliRun.Against(db, "tenants", "provision", bundle, "plain");
        Assert.AreEqual(ExitCodes.Success, plain.ExitCode, plain.ToString());

        // Its own values where given, the registry's defaults (seats, tier) elsewhere.
        CollectionAssert.AreEqual(new[] { "premium|us|1" }, Db.Rows(db, "SELECT tier || '|' || region || '|' || seats FROM tenant_pied.profile"));
        CollectionAssert.AreEqual(new[] { "standard||1" }, Db.Rows(db, "SELECT tier || '|' || coalesce(region, '') || '|' || seats FROM tenant_plain.profile"));

        foreach (var (selection, expected) in new[] { (new[] { "--tier", "premium" }, new[] { "acme", "pied" }), (new[] { "--where", "region=us" }, new[] { "pied" }) })
        {
            var plan = CliRun.Against(db, new[] { "plan", bundle, "--json" }.Concat(selection).ToArray());
            Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
            CollectionAssert.AreEqual(expected, JsonDocument.Parse(plan.Out).RootElement.GetProperty("selection").GetProperty("matched").EnumerateArray().Select(t => t.GetString()).ToArray(), plan.Out);
        }
    }

    [TestMethod]
    public void An_undeclared_attribute_or_a_value_of_another_type_is_refused_before_anything_runs()
    {
        var db = SharedPostgres.Server.CreateDatabase("provision_tier_bad");
        var bundle = Bundle();
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        var unknown = CliRun.Against(db, "tenants", "provision", bundle, "pied", "--attribute", "colour=red");
        var mistyped = CliRun.Against(db, "tenants", "provision", bundle, "pied", "--attribute", "seats=many");

        Assert.AreEqual(ExitCodes.UsageError, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Error, "error TM3012");
        StringAssert.Contains(unknown.Error, "declares no attribute 'colour'");
        Assert.AreEqual(ExitCodes.UsageError, mistyped.ExitCode, mistyped.ToString());
        StringAssert.Contains(mistyped.Error, "'many' is not a value of attribute 'seats', which is integer");
        Assert.IsFalse(Db.SchemaExists(db, "tenant_pied"));
    }
}
