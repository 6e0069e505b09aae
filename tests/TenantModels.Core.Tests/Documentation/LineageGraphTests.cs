using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Documentation;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests.Documentation;

[TestClass]
public sealed class LineageGraphTests
{
    internal static Bundle Sample(string name) =>
        ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", name), name, "1.0.0")).Bundle!;

    internal static Bundle Case(string name) =>
        CaseCompiler.Compile(System.IO.Path.Combine(CompilerCaseTests.CasesDirectory, name)).Bundle!;

    private static string[] Edges(LineageGraph graph) => graph.Edges.Select(e => e.From + " -> " + e.To).ToArray();

    [TestMethod]
    public void Sources_feed_staging_views_that_feed_the_canonical_view()
    {
        var graph = LineageGraph.Build(Sample("CallAnalytics").Manifest);

        CollectionAssert.AreEqual(
            new[] { "source.outreach", "source.salesloft", "staging_view.outreach.call", "staging_view.salesloft.call", "canonical_view.call" },
            graph.Nodes.Select(n => n.Id).ToArray());
        CollectionAssert.AreEqual(
            new[]
            {
                "source.outreach -> staging_view.outreach.call",
                "source.salesloft -> staging_view.salesloft.call",
                "staging_view.outreach.call -> canonical_view.call",
                "staging_view.salesloft.call -> canonical_view.call",
            },
            Edges(graph));
        var canonical = graph.Nodes.Single(n => n.Id == "canonical_view.call");
        Assert.AreEqual("canonical", canonical.Kind);
        Assert.AreEqual("call", canonical.Model);
        Assert.AreEqual("union", canonical.Scope);
        Assert.AreEqual("outreach", graph.Nodes.Single(n => n.Id == "staging_view.outreach.call").Source);
    }

    [TestMethod]
    public void Rows_flow_from_a_partition_into_its_canonical_table_though_the_partition_depends_on_the_table()
    {
        var graph = LineageGraph.Build(Case("canonical_table_form").Manifest);
        var edges = Edges(graph);

        CollectionAssert.Contains(edges, "staging_view.outreach.call -> canonical_partition.call");
        CollectionAssert.Contains(edges, "canonical_partition.call -> canonical_table.call");
        CollectionAssert.DoesNotContain(edges, "canonical_table.call -> canonical_partition.call");
        // Plumbing is not lineage: no schema, roles, grants or refresh box.
        Assert.IsFalse(graph.Nodes.Any(n => n.Id.StartsWith("grants.") || n.Id.StartsWith("security.") || n.Id.Contains("schema") || n.Id.StartsWith("canonical_refresh.")));
    }

    [TestMethod]
    public void A_seed_points_into_its_table_and_a_view_reads_the_table()
    {
        var graph = LineageGraph.Build(Sample("WhiteLabelAnalytics").Manifest);
        var edges = Edges(graph);

        CollectionAssert.Contains(edges, "seed.screens -> table.screens");
        CollectionAssert.Contains(edges, "table.screens -> view.screens_by_month");
        Assert.AreEqual("seed", graph.Nodes.Single(n => n.Id == "seed.screens").Kind);
    }

    [TestMethod]
    public void A_seed_feeds_only_its_own_table_not_the_seeds_and_tables_its_foreign_keys_load_after()
    {
        var manifest = Sample("ShopTenants").Manifest;
        var seed = manifest.Artefacts.Single(a => a.Id == "seed.orders");
        Assert.IsTrue(seed.DependsOn.Count > 1, "the sample's orders seed loads after others: " + string.Join(", ", seed.DependsOn));

        var edges = LineageGraph.Build(manifest).Edges.Where(e => e.From == "seed.orders" || e.To == "seed.orders").Select(e => e.From + " -> " + e.To).ToArray();

        CollectionAssert.AreEqual(new[] { "seed.orders -> table.orders" }, edges);
    }

    [TestMethod]
    public void Every_edge_joins_two_nodes_of_the_graph_for_every_sample()
    {
        foreach (var sample in new[] { "CallAnalytics", "SalesEtl", "SchemaPerTenantCrm", "ShopTenants", "WhiteLabelAnalytics" })
        {
            var graph = LineageGraph.Build(Sample(sample).Manifest);
            var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
            Assert.AreEqual(ids.Count, graph.Nodes.Count, sample + ": node ids are unique");
            Assert.IsTrue(graph.Edges.All(e => ids.Contains(e.From) && ids.Contains(e.To)), sample);
            Assert.IsTrue(graph.Edges.Count > 0, sample + " has lineage");
        }
    }

    [TestMethod]
    public void Model_of_an_artefact_is_the_last_part_of_its_id()
    {
        var artefact = new BundleArtefact("grants.staging_view.outreach.call", ArtefactKind.Grants, ArtefactScope.Tenant, "outreach", "p", "c", new string[0], "o", null);
        Assert.AreEqual("call", LineageGraph.ModelOf(artefact));
        Assert.IsNull(LineageGraph.ModelOf(artefact with { Id = "canonical_schema", Kind = ArtefactKind.Schema }));
    }
}
