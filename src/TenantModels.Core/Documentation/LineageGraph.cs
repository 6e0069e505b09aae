using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>
/// Where rows come from and go to: raw sources, then staging views, models, canonical views or tables and whatever is
/// built on them. Built from the manifest alone (artefacts and their <c>dependsOn</c>), so it shows what a bundle deploys.
/// Schemas, roles, grants and refresh statements are plumbing, not lineage: they are left out, and a dependency through
/// one of them is not an edge.
/// </summary>
public sealed class LineageGraph
{
    private LineageGraph(IReadOnlyList<LineageNode> nodes, IReadOnlyList<LineageEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>Sources first (manifest order), then artefacts in manifest (execution) order.</summary>
    public IReadOnlyList<LineageNode> Nodes { get; }

    /// <summary>Ordered by target node, then by source node, as the nodes are.</summary>
    public IReadOnlyList<LineageEdge> Edges { get; }

    public const string SourcePrefix = "source.";

    public static LineageGraph Build(BundleManifest manifest)
    {
        var nodes = new List<LineageNode>();
        foreach (var source in manifest.Sources)
        {
            nodes.Add(new LineageNode(SourcePrefix + source.Name, "source", source.Name, null, source.Name, source.RawSchemaPattern, "tenant"));
        }

        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artefact in manifest.Artefacts)
        {
            var kind = KindOf(artefact);
            if (kind is null)
            {
                continue;
            }

            included.Add(artefact.Id);
            nodes.Add(new LineageNode(artefact.Id, kind, ModelOf(artefact) ?? artefact.Id, ModelOf(artefact), artefact.Source, artefact.Object, ScopeName(artefact.Scope)));
        }

        var kinds = manifest.Artefacts.ToDictionary(a => a.Id, a => a.Kind, StringComparer.Ordinal);
        var edges = new List<LineageEdge>();
        foreach (var artefact in manifest.Artefacts.Where(a => included.Contains(a.Id)))
        {
            foreach (var dependency in artefact.DependsOn.Where(included.Contains))
            {
                if (!WritesInto(artefact.Kind))
                {
                    edges.Add(new LineageEdge(dependency, artefact.Id));
                }
                else if (kinds[dependency] == ArtefactKind.Table && ModelOf(dependency) == ModelOf(artefact.Id))
                {
                    // A partition or a seed needs its own table first, but its rows flow into the table: the arrow points
                    // there. Its other dependencies are a partition's sources (rows flow in) or, for a seed, the seeds and
                    // tables its foreign keys reference: an order of loading, not lineage.
                    edges.Add(new LineageEdge(artefact.Id, dependency));
                }
                else if (artefact.Kind == ArtefactKind.Partition)
                {
                    edges.Add(new LineageEdge(dependency, artefact.Id));
                }
            }

            // A staging view reads its source's raw tables; the manifest records no artefact for them.
            if (artefact.Source is not null && KindOf(artefact) == "staging")
            {
                edges.Add(new LineageEdge(SourcePrefix + artefact.Source, artefact.Id));
            }
        }

        var order = nodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var sorted = edges.Distinct().OrderBy(e => order[e.To]).ThenBy(e => order[e.From]).ToList();
        return new LineageGraph(nodes, sorted);
    }

    private static bool WritesInto(ArtefactKind kind) => kind is ArtefactKind.Partition or ArtefactKind.Seed;

    /// <summary>The node kind, or null for an artefact that is not part of the lineage.</summary>
    internal static string? KindOf(BundleArtefact artefact) => artefact.Kind switch
    {
        ArtefactKind.View when artefact.Id.StartsWith("staging_view.", StringComparison.Ordinal) => "staging",
        ArtefactKind.View when artefact.Id.StartsWith("canonical_view.", StringComparison.Ordinal) => "canonical",
        ArtefactKind.Table when artefact.Id.StartsWith("canonical_table.", StringComparison.Ordinal) => "canonical",
        ArtefactKind.View => "view",
        ArtefactKind.Table => "table",
        ArtefactKind.MaterializedView => "materialized_view",
        ArtefactKind.Partition => "partition",
        ArtefactKind.Seed => "seed",
        _ => null,
    };

    private static string ModelOf(string id) => id.Substring(id.LastIndexOf('.') + 1);

    /// <summary>The model an artefact belongs to: the last part of its id (<c>staging_view.outreach.call</c> → <c>call</c>); null for schemas, roles and grants.</summary>
    public static string? ModelOf(BundleArtefact artefact)
    {
        if (artefact.Kind is ArtefactKind.Schema or ArtefactKind.Roles)
        {
            return null;
        }

        var id = artefact.Kind == ArtefactKind.Grants && artefact.Id.StartsWith("grants.", StringComparison.Ordinal) ? artefact.Id.Substring("grants.".Length) : artefact.Id;
        var dot = id.LastIndexOf('.');
        return dot < 0 ? null : id.Substring(dot + 1);
    }

    internal static string ScopeName(ArtefactScope scope) => scope switch
    {
        ArtefactScope.Global => "global",
        ArtefactScope.Union => "union",
        _ => "tenant",
    };
}
