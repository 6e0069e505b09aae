using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class UnionTemplateTests
{
    private static readonly UnionTemplate Template = new(
        "CREATE OR REPLACE VIEW \"canonical\".\"call\" AS",
        new[]
        {
            new KeyValuePair<string, string>("outreach", "SELECT \"id\", CAST('{{tenant}}' AS text) AS \"tenant_id\" FROM \"{{tenant}}_stg_outreach\".\"call\""),
            new KeyValuePair<string, string>("salesloft", "SELECT \"id\", CAST('{{tenant}}' AS text) AS \"tenant_id\" FROM \"{{tenant}}_stg_salesloft\".\"call\""),
        },
        "SELECT CAST(NULL AS bigint) AS \"id\", CAST(NULL AS text) AS \"tenant_id\" WHERE false");

    [TestMethod]
    public void Text_form_round_trips()
    {
        var parsed = UnionTemplate.Parse(Template.Write());
        Assert.AreEqual(Template.Header, parsed.Header);
        Assert.AreEqual(Template.Empty, parsed.Empty);
        CollectionAssert.AreEqual(Template.Branches.ToList(), parsed.Branches.ToList());
    }

    [TestMethod]
    public void Expands_for_any_tenants_in_order_skipping_disabled_ones_and_sources_they_lack()
    {
        var sql = Template.Expand(new[]
        {
            new BundleTenant("b_new", "provisioned at run time", true, new[] { "salesloft", "outreach" }),
            new BundleTenant("a_off", "disabled", false, new[] { "outreach" }),
            new BundleTenant("c", "c", true, new[] { "salesloft" }),
        });
        Assert.AreEqual(
            "CREATE OR REPLACE VIEW \"canonical\".\"call\" AS\n" +
            "SELECT \"id\", CAST('b_new' AS text) AS \"tenant_id\" FROM \"b_new_stg_outreach\".\"call\"\nUNION ALL\n" +
            "SELECT \"id\", CAST('b_new' AS text) AS \"tenant_id\" FROM \"b_new_stg_salesloft\".\"call\"\nUNION ALL\n" +
            "SELECT \"id\", CAST('c' AS text) AS \"tenant_id\" FROM \"c_stg_salesloft\".\"call\";\n",
            sql);
    }

    [TestMethod]
    public void No_enabled_tenant_gives_the_typed_empty_form() =>
        Assert.AreEqual(Template.Header + "\n" + Template.Empty + ";\n", Template.Expand(new BundleTenant[0]));

    [TestMethod]
    public void Past_the_fan_out_branches_are_grouped_in_parentheses_in_order()
    {
        var sql = Template.Expand(Tenants(UnionTemplate.FanOut + 1));
        var lines = Body(sql);
        Assert.AreEqual("(", lines[0]);
        var close = lines.IndexOf(")");
        Assert.AreEqual(UnionTemplate.FanOut, lines.Take(close).Count(l => l.StartsWith("SELECT", System.StringComparison.Ordinal)));
        CollectionAssert.AreEqual(new[] { ")", "UNION ALL", Branch(UnionTemplate.FanOut) + ";" }, lines.Skip(close).ToList());
        Assert.AreEqual(Branch(0), lines[1]);
    }

    [TestMethod]
    [DataRow(1, 0)]
    [DataRow(64, 0)]
    [DataRow(65, 1)]
    [DataRow(4096, 1)]
    [DataRow(4097, 2)]
    [DataRow(100_000, 2)]
    public void Nesting_depth_grows_with_the_logarithm_of_the_branches(int branches, int expectedDepth)
    {
        // What PostgreSQL's parser recurses over: the UNION ALL chain of each group, one group inside another.
        var lines = Body(Template.Expand(Tenants(branches)));
        var depth = 0;
        var maxDepth = 0;
        var chains = new Stack<int>();
        chains.Push(1);
        var selects = new List<string>();
        foreach (var line in lines.Select(l => l.TrimEnd(';')))
        {
            switch (line)
            {
                case "(":
                    chains.Push(1);
                    maxDepth = System.Math.Max(maxDepth, ++depth);
                    break;
                case ")":
                    chains.Pop();
                    depth--;
                    break;
                case "UNION ALL":
                    var items = chains.Pop() + 1;
                    Assert.IsTrue(items <= UnionTemplate.FanOut, "a UNION ALL chain longer than the fan-out");
                    chains.Push(items);
                    break;
                default:
                    selects.Add(line);
                    break;
            }
        }

        Assert.AreEqual(0, depth);
        Assert.AreEqual(expectedDepth, maxDepth);
        Assert.AreEqual(branches, selects.Count);
        Assert.AreEqual(Branch(0), selects[0]);
        Assert.AreEqual(Branch(branches - 1), selects[^1]);
        Assert.AreEqual(Branch(branches / 2), selects[branches / 2]);
    }

    [TestMethod]
    public void The_deploy_script_nests_a_canonical_view_as_the_runner_expands_it()
    {
        var tenants = "defaults:\n  sources: [crm]\ntenants:\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"  - id: t{i:000}\n"));
        var files = new[]
        {
            new DefinitionFile("tenantmodels.yaml", "tenantmodels.yaml", "canonical_view_tenant_limit: 1000\n"),
            new DefinitionFile("tenants.yaml", "tenants.yaml", tenants),
            new DefinitionFile("sources/crm.yaml", "sources/crm.yaml", "source: crm\ntables:\n  call:\n    columns:\n      id: bigint\n"),
            new DefinitionFile("models/call.yaml", "models/call.yaml", "model: call\ncolumns:\n  call_id: bigint\nfrom:\n  crm:\n    table: call\n    columns:\n      call_id: id\ncanonical: true\n"),
        };
        var bundle = ModelProjectCompiler.Compile(new ProjectInput("nested", "1.0.0", files)).Bundle!;
        var view = bundle.Manifest.Artefacts.Single(a => a.Scope == ArtefactScope.Union);
        var expanded = UnionTemplate.Parse(bundle.SqlOf(view)).Expand(bundle.Manifest.Tenants);

        StringAssert.Contains(expanded, "AS\n(\nSELECT");
        StringAssert.Contains(bundle.DeployScript, expanded);
    }

    [TestMethod]
    [DataRow("SELECT 1")]
    [DataRow("--@ header\nx\n--@ nonsense\ny\n--@ empty\nz")]
    [DataRow("--@ header\nx\n")]
    public void Malformed_text_is_refused(string text) =>
        Assert.ThrowsExactly<System.FormatException>(() => UnionTemplate.Parse(text));

    /// <summary>Tenants with the first source only, so each has one branch.</summary>
    private static IEnumerable<BundleTenant> Tenants(int count) =>
        Enumerable.Range(0, count).Select(i => new BundleTenant($"t{i:000000}", "t", true, new[] { "outreach" }));

    private static string Branch(int tenant) =>
        $"SELECT \"id\", CAST('t{tenant:000000}' AS text) AS \"tenant_id\" FROM \"t{tenant:000000}_stg_outreach\".\"call\"";

    /// <summary>The lines after the header.</summary>
    private static List<string> Body(string sql) => sql.Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
}
