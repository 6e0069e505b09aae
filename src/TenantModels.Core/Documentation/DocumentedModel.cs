using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>A model as the site documents it: the artefacts the bundle deploys for it, its columns, the sources it reads.</summary>
/// <param name="Artefacts">In manifest order: staging views per source, the model's view or table, canonical forms, seeds, grants.</param>
public sealed record DocumentedModel(string Name, IReadOnlyList<BundleArtefact> Artefacts, IReadOnlyList<ModelColumn> Columns, IReadOnlyList<string> Sources)
{
    /// <summary>Every model of the manifest, by name (ordinal).</summary>
    public static IReadOnlyList<DocumentedModel> All(BundleManifest manifest) =>
        manifest.Artefacts
            .Select(a => (Artefact: a, Model: LineageGraph.ModelOf(a)))
            .Where(p => p.Model is not null)
            .GroupBy(p => p.Model!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Create(g.Key, g.Select(p => p.Artefact).ToList()))
            .ToList();

    private static DocumentedModel Create(string name, IReadOnlyList<BundleArtefact> artefacts)
    {
        // The model's own columns: those of its first view or table that is not a canonical form (which adds tenant_id).
        var shape = artefacts.FirstOrDefault(a => LineageGraph.KindOf(a) is "staging" or "view" or "table" or "materialized_view")
            ?? artefacts.FirstOrDefault(a => LineageGraph.KindOf(a) == "canonical");
        var sources = artefacts.Where(a => a.Source is not null).Select(a => a.Source!).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        return new DocumentedModel(name, artefacts, shape is null ? Array.Empty<ModelColumn>() : ModelColumn.Of(shape), sources);
    }

    /// <summary>The kind of the model's main artefact as the lineage names it (view, table, materialized_view), for lists.</summary>
    public string Kind =>
        Artefacts.Select(LineageGraph.KindOf).FirstOrDefault(k => k is "view" or "table" or "materialized_view")
        ?? (Artefacts.Any(a => LineageGraph.KindOf(a) == "staging") ? "view per source" : "other");
}
