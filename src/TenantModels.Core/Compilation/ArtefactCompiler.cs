using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Compilation;

/// <summary>Stage 4: the bound project into SQL artefacts, in an order that honours their dependencies.</summary>
public static class ArtefactCompiler
{
    public static IReadOnlyList<CompiledArtefact> Compile(BoundProject project, DiagnosticBag diagnostics)
    {
        DerivedNameChecker.Check(project, diagnostics);
        foreach (var model in project.Models.Where(m => m.Canonical && m.Columns.Any(c => c.Name == CanonicalViewCompiler.TenantColumn)))
        {
            var column = model.Columns.First(c => c.Name == CanonicalViewCompiler.TenantColumn);
            diagnostics.Report(CompileDiagnostics.ReservedCanonicalColumn, column.Location, model.Name, CanonicalViewCompiler.TenantColumn);
        }

        var artefacts = new List<CompiledArtefact>();
        var stagedSources = project.Models.SelectMany(m => m.Mappings).Select(m => m.Source.Name)
            .Distinct().OrderBy(s => s, System.StringComparer.Ordinal);
        artefacts.AddRange(stagedSources.Select(source => StagingViewCompiler.Schema(project, source)));
        foreach (var model in project.Models)
        {
            artefacts.AddRange(model.Mappings
                .OrderBy(m => m.Source.Name, System.StringComparer.Ordinal)
                .Select(mapping => StagingViewCompiler.View(project, model, mapping)));
        }

        var canonical = project.Models.Where(m => m.Canonical).ToList();
        if (canonical.Count > 0)
        {
            artefacts.Add(CanonicalViewCompiler.Schema(project));
            artefacts.AddRange(canonical.Select(model => CanonicalViewCompiler.View(project, model)));
        }

        return artefacts;
    }
}
