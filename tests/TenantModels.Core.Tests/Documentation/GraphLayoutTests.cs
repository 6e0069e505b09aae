using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Documentation;

namespace TenantModels.Core.Tests.Documentation;

[TestClass]
public sealed class GraphLayoutTests
{
    [TestMethod]
    public void A_node_is_one_column_after_its_furthest_predecessor()
    {
        // a -> b -> c and a -> c: c is after b, not beside it.
        var positions = GraphLayout.Layout(new[] { "a", "b", "c" }, new[] { ("a", "b"), ("b", "c"), ("a", "c") });

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, positions.Select(p => p.Layer).ToArray());
        Assert.IsTrue(positions[0].X < positions[1].X && positions[1].X < positions[2].X);
    }

    [TestMethod]
    public void A_node_nothing_feeds_sits_just_before_what_it_feeds()
    {
        // a -> b -> c, and s feeds only c: s goes in b's column, beside c's other input, not in the first one.
        var positions = GraphLayout.Layout(new[] { "a", "b", "c", "s" }, new[] { ("a", "b"), ("b", "c"), ("s", "c") }).ToDictionary(p => p.Id);

        Assert.AreEqual(1, positions["s"].Layer);
        Assert.AreEqual(0, positions["a"].Layer);
    }

    [TestMethod]
    public void Barycentre_ordering_uncrosses_edges_that_the_input_order_crosses()
    {
        // Input order puts x under b's target and y under a's: a→y, b→x cross until the second column is reordered.
        var nodes = new[] { "a", "b", "x", "y" };
        var edges = new[] { ("a", "y"), ("b", "x") };
        var positions = GraphLayout.Layout(nodes, edges).ToDictionary(p => p.Id);

        Assert.AreEqual(positions["a"].Row, positions["y"].Row);
        Assert.AreEqual(positions["b"].Row, positions["x"].Row);
    }

    [TestMethod]
    public void The_same_graph_gets_the_same_drawing()
    {
        var nodes = Enumerable.Range(0, 40).Select(i => "n" + i).ToArray();
        var edges = Enumerable.Range(0, 39).Select(i => (nodes[i / 3], nodes[i + 1])).ToArray();

        var first = GraphLayout.Layout(nodes, edges);
        var second = GraphLayout.Layout(nodes, edges);

        CollectionAssert.AreEqual(first.ToArray(), second.ToArray());
        Assert.AreEqual(nodes.Length, first.Select(p => (p.X, p.Y)).Distinct().Count(), "no two boxes at the same place");
    }

    [TestMethod]
    public void A_long_edge_runs_through_the_columns_it_crosses_beside_their_boxes_not_under_them()
    {
        var drawing = GraphLayout.Draw(new[] { "a", "b", "c" }, new[] { ("a", "b"), ("b", "c"), ("a", "c") });
        var b = drawing.Nodes.Single(p => p.Id == "b");

        var longEdge = drawing.Edges.Single(e => e.From == "a" && e.To == "c");
        Assert.AreEqual(4, longEdge.Points.Count, "start, into b's column, out of it, end");
        Assert.AreEqual(b.X, longEdge.Points[1].X);
        Assert.AreEqual(b.X + GraphLayout.NodeWidth, longEdge.Points[2].X);
        Assert.AreEqual(longEdge.Points[1].Y, longEdge.Points[2].Y, "straight across the column");
        var crossesBox = longEdge.Points[1].Y >= b.Y && longEdge.Points[1].Y <= b.Y + GraphLayout.NodeHeight;
        Assert.IsFalse(crossesBox, $"the line at {longEdge.Points[1].Y} runs through b's box ({b.Y} to {b.Y + GraphLayout.NodeHeight})");
        Assert.AreEqual(2, drawing.Edges.Single(e => e.From == "a" && e.To == "b").Points.Count);
    }

    [TestMethod]
    public void A_cycle_does_not_stop_the_layout()
    {
        var positions = GraphLayout.Layout(new[] { "a", "b", "c" }, new[] { ("a", "b"), ("b", "c"), ("c", "b") });

        Assert.AreEqual(3, positions.Count);
        Assert.AreEqual(0, positions[0].Layer);
    }

    [TestMethod]
    public void The_svg_has_a_group_per_node_and_a_path_per_edge_with_their_ids()
    {
        var graph = LineageGraph.Build(LineageGraphTests.Sample("CallAnalytics").Manifest);
        var svg = LineageSvg.Write(graph);

        Assert.AreEqual(graph.Nodes.Count, System.Text.RegularExpressions.Regex.Matches(svg, "<g class=\"node ").Count);
        Assert.AreEqual(graph.Edges.Count, System.Text.RegularExpressions.Regex.Matches(svg, "<path class=\"edge\"").Count);
        StringAssert.Contains(svg, "data-from=\"staging_view.outreach.call\" data-to=\"canonical_view.call\"");
        StringAssert.Contains(svg, "<title>canonical: &quot;canonical&quot;.&quot;call&quot;</title>");
    }
}
