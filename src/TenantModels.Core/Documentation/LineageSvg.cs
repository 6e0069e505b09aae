using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TenantModels.Core.Documentation;

/// <summary>
/// The lineage graph as an SVG drawing laid out by <see cref="GraphLayout"/>. Every node is a <c>g.node</c> carrying its id,
/// model and source as data attributes and every edge a <c>path.edge</c> carrying its ends, so the page's script filters
/// and highlights them without a layout library.
/// </summary>
public static class LineageSvg
{
    public static string Write(LineageGraph graph)
    {
        var drawing = GraphLayout.Draw(graph.Nodes.Select(n => n.Id).ToList(), graph.Edges.Select(e => (e.From, e.To)));
        var at = drawing.Nodes.ToDictionary(p => p.Id, System.StringComparer.Ordinal);
        var routes = drawing.Edges.ToDictionary(r => (r.From, r.To));
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"lineage-svg\" width=\"").Append(N(drawing.Width))
            .Append("\" height=\"").Append(N(drawing.Height)).Append("\" role=\"img\" aria-label=\"Lineage graph\">\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n<g class=\"edges\">\n");
        foreach (var edge in graph.Edges)
        {
            svg.Append("<path class=\"edge\" data-from=\"").Append(Escape(edge.From)).Append("\" data-to=\"").Append(Escape(edge.To))
                .Append("\" d=\"").Append(PathOf(routes[(edge.From, edge.To)].Points))
                .Append("\" marker-end=\"url(#arrow)\"/>\n");
        }

        svg.Append("</g>\n<g class=\"nodes\">\n");
        foreach (var node in graph.Nodes)
        {
            var p = at[node.Id];
            svg.Append("<g class=\"node kind-").Append(node.Kind).Append("\" tabindex=\"0\" data-id=\"").Append(Escape(node.Id))
                .Append("\" data-kind=\"").Append(node.Kind).Append('"');
            if (node.Model is not null)
            {
                svg.Append(" data-model=\"").Append(Escape(node.Model)).Append('"');
            }

            if (node.Source is not null)
            {
                svg.Append(" data-source=\"").Append(Escape(node.Source)).Append('"');
            }

            svg.Append(" transform=\"translate(").Append(N(p.X)).Append(',').Append(N(p.Y)).Append(")\">")
                .Append("<title>").Append(Escape(node.Kind + ": " + node.Object)).Append("</title>")
                .Append("<rect width=\"").Append(N(GraphLayout.NodeWidth)).Append("\" height=\"").Append(N(GraphLayout.NodeHeight)).Append("\" rx=\"5\"/>")
                .Append("<text x=\"10\" y=\"14\" class=\"kind\">").Append(Escape(KindLabel(node))).Append("</text>")
                .Append("<text x=\"10\" y=\"28\" class=\"label\">").Append(Escape(Shorten(node.Label))).Append("</text></g>\n");
        }

        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// An S-curve between columns (horizontal tangents, so lines leave and enter boxes level) and a straight run across
    /// each column a long edge passes through. A cycle's back edge (its end left of its start) is one curve.
    /// </summary>
    private static string PathOf(IReadOnlyList<(double X, double Y)> points)
    {
        var d = new StringBuilder("M").Append(N(points[0].X)).Append(',').Append(N(points[0].Y));
        for (var i = 1; i < points.Count; i++)
        {
            var (x1, y1) = points[i - 1];
            var (x2, y2) = points[i];
            if (i % 2 == 0)
            {
                d.Append(" L").Append(N(x2)).Append(',').Append(N(y2));
                continue;
            }

            var bend = System.Math.Max(30, (x2 - x1) / 2);
            d.Append(" C").Append(N(x1 + bend)).Append(',').Append(N(y1)).Append(' ').Append(N(x2 - bend)).Append(',').Append(N(y2))
                .Append(' ').Append(N(x2)).Append(',').Append(N(y2));
        }

        return d.ToString();
    }

    private static string KindLabel(LineageNode node) =>
        node.Kind.Replace('_', ' ') + (node.Source is not null && node.Kind != "source" ? " · " + node.Source : string.Empty);

    private static string Shorten(string label) => label.Length <= 23 ? label : label.Substring(0, 22) + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
