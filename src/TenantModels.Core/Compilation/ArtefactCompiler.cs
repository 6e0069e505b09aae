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

        CanonicalViewSizeCheck.Check(project, diagnostics);
        CitusLimitsCheck.Check(project, diagnostics);
    }

    /// <summary>Only for a project that bound and checked without errors: every reference is then resolvable.</summary>
    public static IReadOnlyList<CompiledArtefact> Compile(BoundProject project)
    {

        var models = project.Models.ToDictionary(m => m.Name, System.StringComparer.Ordinal);
        var secured = project.Security is not null;
        var artefacts = new List<CompiledArtefact>();
        if (secured)
        {
            artefacts.Add(SecurityCompiler.Roles(project));
            artefacts.Add(SecurityCompiler.TenantRoles(project));
        }

        if (project.Models.Any(m => m.Scope == ModelScope.Shared))
        {
            var schema = SchemaArtefact(ArtefactIds.SharedSchema, ArtefactScope.Global, project.SharedSchema);
            artefacts.Add(secured ? SecurityCompiler.SecureSchema(project, schema, project.SharedSchema, SecurityCompiler.SchemaUsage(project, shared: true)) : schema);
        }

        if (project.Models.Any(m => m.Scope == ModelScope.Tenant && !m.IsFromSources))
        {
            var name = project.TenantSchema.Template(string.Empty);
            var schema = SchemaArtefact(ArtefactIds.TenantSchema, ArtefactScope.Tenant, name);
            artefacts.Add(secured ? SecurityCompiler.SecureSchema(project, schema, name, SecurityCompiler.SchemaUsage(project, shared: false)) : schema);
        }

        var stagedSources = project.Models.SelectMany(m => m.Mappings).Select(m => m.Source.Name)
            .Distinct().OrderBy(s => s, System.StringComparer.Ordinal);
        foreach (var source in stagedSources)
        {
            var schema = StagingViewCompiler.Schema(project, source);
            artefacts.Add(secured
                ? SecurityCompiler.SecureSchema(project, schema, project.StagingSchema.Template(source), SecurityCompiler.SchemaUsage(project, shared: false),
                    SecurityCompiler.RawGrants(project, source))
                : schema);
        }

        // Models are in dependency order already (DependencyOrder), so each artefact follows what it references.
        foreach (var model in project.Models)
        {
            if (model.IsFromSources)
            {
                foreach (var mapping in model.Mappings.OrderBy(m => m.Source.Name, System.StringComparer.Ordinal))
                {
                    AddSecured(artefacts, project, model, StagingViewCompiler.WithOverrides(project, model, mapping));
                }
            }
            else if (model.Materialized == Materialization.Table)
            {
                AddSecured(artefacts, project, model, TableCompiler.Compile(project, model));
                if (model.Seed is not null)
                {
                    artefacts.Add(SeedCompiler.Compile(project, model, models));
                }
            }
            else
            {
                AddSecured(artefacts, project, model, SqlModelCompiler.Compile(project, model, models));
            }
        }

        var canonical = project.Models.Where(m => m.Canonical).ToList();
        if (canonical.Count > 0)
        {
            var schema = CanonicalViewCompiler.Schema(project);
            artefacts.Add(secured
                ? SecurityCompiler.SecureSchema(project, schema, project.CanonicalSchema, SecurityCompiler.CanonicalSchemaUsage(project))
                : schema);
            foreach (var model in canonical)
            {
                if (model.CanonicalTable is null)
                {
                    artefacts.Add(CanonicalViewCompiler.View(project, model));
                }
                else
                {
                    artefacts.AddRange(CanonicalTableCompiler.Compile(project, model));
                }
            }
        }

        return artefacts;
    }

    /// <summary>The object, then (with a security section) its ownership, grants and policies as a grants artefact depending on it.</summary>
    private static void AddSecured(List<CompiledArtefact> artefacts, BoundProject project, BoundModel model, CompiledArtefact artefact)
    {
        artefacts.Add(artefact);
        if (project.Security is not null)
        {
            artefacts.Add(SecurityCompiler.Grants(project, model, artefact));
        }
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
