using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Documentation;

/// <summary>Where a node is drawn: its layer (column, left to right) and its row within the layer, and the box's top-left corner.</summary>
public sealed record NodePosition(string Id, int Layer, int Row, double X, double Y);

/// <summary>The points an edge's line passes through, from the right side of its first box to the left side of its second.</summary>
public sealed record EdgeRoute(string From, string To, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A laid out graph: every node's box, every edge's route, and the size of the drawing.</summary>
public sealed record GraphDrawing(IReadOnlyList<NodePosition> Nodes, IReadOnlyList<EdgeRoute> Edges, double Width, double Height);

/// <summary>
/// A layered (Sugiyama-style) drawing of a directed acyclic graph, left to right: longest-path layering puts every node
/// one column after its furthest predecessor (and a node without any just before its first successor); an edge that spans several columns gets a waypoint in each column it crosses,
/// so it runs between boxes instead of under them; then a few barycentre sweeps order each column by the mean row of its
/// neighbours in the previous (or next) column, which removes most crossings. Everything is ordered by index, so the
/// same graph always gets the same picture.
/// </summary>
public static class GraphLayout
{
    public const double NodeWidth = 180;
    public const double NodeHeight = 34;
    public const double ColumnGap = 70;
    public const double RowGap = 14;
    public const double Margin = 16;

    /// <summary>The room a waypoint takes in its column: a line, not a box.</summary>
    private const double WaypointHeight = 6;

    private const int Sweeps = 8;

    /// <param name="nodes">Node ids; their order is the initial order of each column.</param>
    /// <param name="edges">From → to pairs of ids in <paramref name="nodes"/>. Edges closing a cycle are ignored for layering.</param>
    public static IReadOnlyList<NodePosition> Layout(IReadOnlyList<string> nodes, IEnumerable<(string From, string To)> edges) =>
        Draw(nodes, edges).Nodes;

    public static GraphDrawing Draw(IReadOnlyList<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

        var pairs = edges.Distinct().Where(e => index.ContainsKey(e.From) && index.ContainsKey(e.To) && e.From != e.To).ToList();
        var layer = Layers(nodes.Count, pairs.Select(e => (index[e.From], index[e.To])).ToList());

        // Items are the nodes, then the waypoints of long edges; item edges join neighbouring columns only.
        var itemLayer = new List<int>(layer);
        var itemEdges = new List<(int From, int To)>();
        var chains = new List<List<int>>();
        foreach (var (from, to) in pairs.Select(e => (index[e.From], index[e.To])))
        {
            var chain = new List<int> { from };
            for (var l = layer[from] + 1; l < layer[to]; l++)
            {
                itemLayer.Add(l);
                chain.Add(itemLayer.Count - 1);
            }

            chain.Add(to);
            chains.Add(chain);
            for (var i = 1; i < chain.Count; i++)
            {
                if (itemLayer[chain[i - 1]] < itemLayer[chain[i]])
                {
                    itemEdges.Add((chain[i - 1], chain[i]));
                }
            }
        }

        var predecessors = itemLayer.Select(_ => new List<int>()).ToArray();
        var successors = itemLayer.Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in itemEdges)
        {
            predecessors[to].Add(from);
            successors[from].Add(to);
        }

        var columns = Enumerable.Range(0, itemLayer.Count == 0 ? 0 : itemLayer.Max() + 1)
            .Select(l => Enumerable.Range(0, itemLayer.Count).Where(n => itemLayer[n] == l).ToList()).ToList();
        var row = new int[itemLayer.Count];
        RenumberRows(columns, row);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var downwards = sweep % 2 == 0;
            var range = downwards ? Enumerable.Range(1, Math.Max(0, columns.Count - 1)) : Enumerable.Range(0, Math.Max(0, columns.Count - 1)).Reverse();
            var neighbours = downwards ? predecessors : successors;
            foreach (var c in range)
            {
                columns[c] = columns[c]
                    .Select(n => (Node: n, Key: neighbours[n].Count == 0 ? row[n] : neighbours[n].Average(m => (double)row[m])))
                    .OrderBy(p => p.Key).ThenBy(p => row[p.Node]).Select(p => p.Node).ToList();
                RenumberRows(columns, row);
            }
        }

        var y = Place(columns, nodes.Count);
        var positions = Enumerable.Range(0, nodes.Count)
            .Select(n => new NodePosition(nodes[n], layer[n], row[n], X(layer[n]), y[n])).ToList();
        var routes = pairs.Select((e, i) => new EdgeRoute(e.From, e.To, Route(chains[i], nodes.Count, itemLayer, y))).ToList();
        var width = columns.Count == 0 ? 2 * Margin : X(columns.Count - 1) + NodeWidth + Margin;
        var height = itemLayer.Count == 0 ? 2 * Margin : Enumerable.Range(0, itemLayer.Count).Max(n => y[n] + HeightOf(n, nodes.Count)) + Margin;
        return new GraphDrawing(positions, routes, width, height);
    }

    private static double X(int layer) => Margin + layer * (NodeWidth + ColumnGap);

    private static double HeightOf(int item, int nodeCount) => item < nodeCount ? NodeHeight : WaypointHeight;

    /// <summary>The top of every item: stacked in row order, each column centred against the tallest.</summary>
    private static double[] Place(List<List<int>> columns, int nodeCount)
    {
        var y = new double[columns.Sum(c => c.Count)];
        double Extent(List<int> column) => column.Sum(n => HeightOf(n, nodeCount) + RowGap) - RowGap;
        var tallest = columns.Count == 0 ? 0 : columns.Max(Extent);
        foreach (var column in columns)
        {
            var top = Margin + (tallest - Extent(column)) / 2;
            foreach (var item in column)
            {
                y[item] = top;
                top += HeightOf(item, nodeCount) + RowGap;
            }
        }

        return y;
    }

    /// <summary>Right middle of the first box, across each waypoint's column, left middle of the last box.</summary>
    private static IReadOnlyList<(double X, double Y)> Route(List<int> chain, int nodeCount, List<int> itemLayer, double[] y)
    {
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < chain.Count; i++)
        {
            var item = chain[i];
            var middle = y[item] + HeightOf(item, nodeCount) / 2;
            if (i > 0)
            {
                points.Add((X(itemLayer[item]), middle));
            }

            if (i < chain.Count - 1)
            {
                points.Add((X(itemLayer[item]) + NodeWidth, middle));
            }
        }

        return points;
    }

    /// <summary>Longest path from a node without predecessors, in a topological order (Kahn's, lowest index first); nodes on a cycle go after.</summary>
    private static int[] Layers(int count, List<(int From, int To)> edges)
    {
        var predecessors = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var successors = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in edges)
        {
            predecessors[to].Add(from);
            successors[from].Add(to);
        }

        var layer = new int[count];
        var waiting = predecessors.Select(p => p.Count).ToArray();
        var ready = new SortedSet<int>(Enumerable.Range(0, count).Where(n => waiting[n] == 0));
        var done = new bool[count];
        while (ready.Count > 0)
        {
            var n = ready.Min;
            ready.Remove(n);
            done[n] = true;
            foreach (var s in successors[n])
            {
                layer[s] = Math.Max(layer[s], layer[n] + 1);
                if (--waiting[s] == 0)
                {
                    ready.Add(s);
                }
            }
        }

        for (var n = 0; n < count; n++)
        {
            if (!done[n])
            {
                layer[n] = predecessors[n].Where(p => done[p]).Select(p => layer[p] + 1).DefaultIfEmpty(0).Max();
            }
        }

        // A node nothing feeds sits just before the first node it feeds (a seed beside its table), not in the first column.
        for (var n = 0; n < count; n++)
        {
            if (predecessors[n].Count == 0 && successors[n].Count > 0)
            {
                layer[n] = Math.Max(0, successors[n].Min(s => layer[s]) - 1);
            }
        }

        return layer;
    }

    private static void RenumberRows(List<List<int>> columns, int[] row)
    {
        foreach (var column in columns)
        {
            for (var i = 0; i < column.Count; i++)
            {
                row[column[i]] = i;
            }
        }
    }
}
