using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>Stage 4: the bound project into SQL artefacts, listed in an order that honours their dependencies.</summary>
public static class ArtefactCompiler
{
    /// <summary>The compile-stage checks (derived names, reserved columns); they run even when binding reported errors.</summary>
    public static void Check(BoundProject project, DiagnosticBag diagnostics)
    {
        DerivedNameChecker.Check(project, diagnostics);
        foreach (var model in project.Models.Where(m => m.Canonical && m.Columns.Any(c => c.Name == CanonicalViewCompiler.TenantColumn)))
        {
            var column = model.Columns.First(c => c.Name == CanonicalViewCompiler.TenantColumn);
            diagnostics.Report(CompileDiagnostics.ReservedCanonicalColumn, column.Location, model.Name, CanonicalViewCompiler.TenantColumn);
        }
    }

    /// <summary>Only for a project that bound and checked without errors: every reference is then resolvable.</summary>
    public static IReadOnlyList<CompiledArtefact> Compile(BoundProject project)
    {

        var models = project.Models.ToDictionary(m => m.Name, System.StringComparer.Ordinal);
        var artefacts = new List<CompiledArtefact>();
        if (project.Models.Any(m => m.Scope == ModelScope.Shared))
        {
            artefacts.Add(SchemaArtefact(ArtefactIds.SharedSchema, ArtefactScope.Global, project.SharedSchema));
        }

        if (project.Models.Any(m => m.Scope == ModelScope.Tenant && !m.IsFromSources))
        {
            artefacts.Add(SchemaArtefact(ArtefactIds.TenantSchema, ArtefactScope.Tenant, project.TenantSchema.Template(string.Empty)));
        }

        var stagedSources = project.Models.SelectMany(m => m.Mappings).Select(m => m.Source.Name)
            .Distinct().OrderBy(s => s, System.StringComparer.Ordinal);
        artefacts.AddRange(stagedSources.Select(source => StagingViewCompiler.Schema(project, source)));

        // Models are in dependency order already (DependencyOrder), so each artefact follows what it references.
        foreach (var model in project.Models)
        {
            if (model.IsFromSources)
            {
                artefacts.AddRange(model.Mappings
                    .OrderBy(m => m.Source.Name, System.StringComparer.Ordinal)
                    .Select(mapping => StagingViewCompiler.View(project, model, mapping)));
            }
            else if (model.Materialized == Materialization.Table)
            {
                artefacts.Add(TableCompiler.Compile(project, model));
                if (model.Seed is not null)
                {
                    artefacts.Add(SeedCompiler.Compile(project, model, models));
                }
            }
            else
            {
                artefacts.Add(SqlModelCompiler.Compile(project, model, models));
            }
        }

        var canonical = project.Models.Where(m => m.Canonical).ToList();
        if (canonical.Count > 0)
        {
            artefacts.Add(CanonicalViewCompiler.Schema(project));
            artefacts.AddRange(canonical.Select(model => CanonicalViewCompiler.View(project, model)));
        }

        return artefacts;
    }

    private static CompiledArtefact SchemaArtefact(string id, ArtefactScope scope, string schema) => new(
        id,
        ArtefactKind.Schema,
        scope,
        null,
        new SqlWriter().Append("CREATE SCHEMA IF NOT EXISTS ").Identifier(schema).Line(";").ToString(),
        new string[0],
        SqlWriter.QuoteIdentifier(schema),
        null);
}
