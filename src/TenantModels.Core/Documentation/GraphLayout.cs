using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Documentation;

/// <summary>Where a node is drawn: its layer (column, left to right) and its row within the layer, and the box's top-left corner.</summary>
public sealed record NodePosition(string Id, int Layer, int Row, double X, double Y);

/// <summary>
/// A layered (Sugiyama-style) drawing of a directed acyclic graph, left to right: longest-path layering puts every node
/// one column after its furthest predecessor, then a few barycentre sweeps order each column by the mean row of its
/// neighbours in the previous (or next) column, which removes most crossings. Everything is ordered by index, so the
/// same graph always gets the same picture.
/// </summary>
public static class GraphLayout
{
    public const double NodeWidth = 200;
    public const double NodeHeight = 34;
    public const double ColumnGap = 90;
    public const double RowGap = 14;
    public const double Margin = 16;

    private const int Sweeps = 6;

    /// <param name="nodes">Node ids; their order is the initial order of each column.</param>
    /// <param name="edges">From → to pairs of ids in <paramref name="nodes"/>. Edges closing a cycle are ignored for layering.</param>
    public static IReadOnlyList<NodePosition> Layout(IReadOnlyList<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

        var predecessors = nodes.Select(_ => new List<int>()).ToArray();
        var successors = nodes.Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in edges.Distinct())
        {
            if (index.TryGetValue(from, out var f) && index.TryGetValue(to, out var t) && f != t)
            {
                predecessors[t].Add(f);
                successors[f].Add(t);
            }
        }

        var layers = Layers(nodes.Count, predecessors, successors);
        var columns = Enumerable.Range(0, layers.Length == 0 ? 0 : layers.Max() + 1)
            .Select(layer => Enumerable.Range(0, nodes.Count).Where(n => layers[n] == layer).ToList()).ToList();
        var row = new int[nodes.Count];
        RenumberRows(columns, row);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var downwards = sweep % 2 == 0;
            var range = downwards ? Enumerable.Range(1, Math.Max(0, columns.Count - 1)) : Enumerable.Range(0, Math.Max(0, columns.Count - 1)).Reverse();
            foreach (var c in range)
            {
                var neighbours = downwards ? predecessors : successors;
                columns[c] = columns[c]
                    .Select(n => (Node: n, Key: neighbours[n].Count == 0 ? row[n] : neighbours[n].Average(m => (double)row[m])))
                    .OrderBy(p => p.Key).ThenBy(p => row[p.Node]).Select(p => p.Node).ToList();
                RenumberRows(columns, row);
            }
        }

        var tallest = columns.Count == 0 ? 0 : columns.Max(c => c.Count);
        return Enumerable.Range(0, nodes.Count).Select(n =>
        {
            // Shorter columns are centred against the tallest, so a lone canonical view sits beside the middle of its inputs.
            var offset = (tallest - columns[layers[n]].Count) * (NodeHeight + RowGap) / 2;
            return new NodePosition(nodes[n], layers[n], row[n], Margin + layers[n] * (NodeWidth + ColumnGap), Margin + offset + row[n] * (NodeHeight + RowGap));
        }).ToList();
    }

    public static double Width(IReadOnlyList<NodePosition> positions) =>
        positions.Count == 0 ? 2 * Margin : positions.Max(p => p.X) + NodeWidth + Margin;

    public static double Height(IReadOnlyList<NodePosition> positions) =>
        positions.Count == 0 ? 2 * Margin : positions.Max(p => p.Y) + NodeHeight + Margin;

    /// <summary>Longest path from a node without predecessors, in a topological order (Kahn's, lowest index first); nodes on a cycle go after.</summary>
    private static int[] Layers(int count, List<int>[] predecessors, List<int>[] successors)
    {
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
