using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Validation;

namespace TenantModels.Core.Pipeline;

/// <summary>The whole pipeline: parse → validate → bind → compile → bundle. Every host calls this.</summary>
public static class ModelProjectCompiler
{
    /// <param name="checkedProject">
    /// Called once the definitions are bound and checked without error, before SQL is compiled: a host can start work that
    /// needs only the typed model (the build writes the registry file and the editor schemas beside the bundle).
    /// </param>
    public static CompileResult Compile(ProjectInput input, System.Action<Syntax.ProjectSyntax, BoundProject>? checkedProject = null)
    {
        var diagnostics = new DiagnosticBag();
        var syntax = DefinitionParser.Parse(input.Files, diagnostics);
        var bound = ProjectBinder.Bind(DefinitionValidator.Validate(syntax, diagnostics), diagnostics);
        ArtefactCompiler.Check(bound, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new CompileResult(diagnostics.ToSortedList(), null, null, syntax);
        }

        checkedProject?.Invoke(syntax, bound);

        var artefacts = SqlModelOrigins.Attach(bound, input.Files, ArtefactCompiler.Compile(bound));
        var tests = DataTestCompiler.Compile(bound);
        var values = TenantValueCompiler.Declare(bound, artefacts, tests.Select(t => t.Sql));
        var tenants = bound.Tenants.Select(t => new BundleTenant(t.Id, t.Name, t.Enabled, t.Sources, t.Priority, t.Database, TenantValueCompiler.ValuesOf(t, values), t.Tier,
            AttributeValues(t))).ToList();
        // Every tenant has every declared attribute; without tenants (all provisioned at run time) the defaults have them.
        var declared = bound.Tenants.Count > 0 ? bound.Tenants[0].Attributes : bound.TenantDefaults?.Attributes;
        var attributes = declared?.Select(a => new BundleAttribute(a.Name, a.Type.SqlName)).ToList();
        var sources = bound.Sources.Values.Select(s => new BundleSource(s.Name, s.RawSchema.Pattern.Replace(Naming.NamingPattern.SourceToken, s.Name))).ToList();
        var security = bound.Security is { } s
            ? new BundleSecurity(s.Isolation.ToString().ToLowerInvariant(), s.Owner, s.Admin, s.App, s.Schema,
                s.TenantRoles.Select(r => new BundleTenantRole(r.Kind, r.Pattern.Pattern, r.Group)).ToList(), IsolationCheck.FilePath, string.Empty)
            : null;
        var checks = security is null ? null : IsolationCheck.Write(IsolationCheckCompiler.Compile(bound));
        var bundle = BundleAssembler.Assemble(input.ProjectName, input.Version, sources, tenants, artefacts, bound.DatabasePattern?.Pattern, security, checks, values, attributes, bound.Waves, Distributions.ManifestValue(bound.Distribution),
            DataTestOrigins.Manifest(tests, input.Files), tests.ToDictionary(t => t.Name, t => t.Sql, System.StringComparer.Ordinal), Descriptions(bound),
            Scheduling.ScheduleCompiler.Schedules(bound, artefacts), Scheduling.ScheduleCompiler.Tenants(bound));
        return new CompileResult(diagnostics.ToSortedList(), bundle, bound, syntax);
    }

    /// <summary>The tenant's attribute values that are set; null when none is (10,000 tenants without attributes: no dictionary each).</summary>
    private static IReadOnlyDictionary<string, string>? AttributeValues(BoundTenant tenant)
    {
        Dictionary<string, string>? values = null;
        foreach (var attribute in tenant.Attributes)
        {
            if (attribute.Value is not null)
            {
                (values ??= new Dictionary<string, string>(System.StringComparer.Ordinal)).Add(attribute.Name, attribute.Value);
            }
        }

        return values;
    }

    /// <summary>The models' and columns' <c>description:</c>, by model name, for documentation (only models that have one).</summary>
    private static IReadOnlyList<ModelDescription> Descriptions(BoundProject bound) =>
        bound.Models
            .Select(m => new ModelDescription(m.Name, m.Description,
                m.Columns.Where(c => c.Description is not null).Select(c => new KeyValuePair<string, string>(c.Name, c.Description!)).ToList()))
            .Where(d => d.Description is not null || d.Columns.Count > 0)
            .OrderBy(d => d.Model, System.StringComparer.Ordinal)
            .ToList();

    /// <summary>Every check the build makes (compile-stage name checks included) and the typed model, without emitting SQL.</summary>
    public static AnalysisResult Analyze(ProjectInput input)
    {
        var diagnostics = new DiagnosticBag();
        var bound = Bind(input, diagnostics);
        ArtefactCompiler.Check(bound, diagnostics);
        return new AnalysisResult(bound, diagnostics.ToSortedList());
    }

    private static BoundProject Bind(ProjectInput input, DiagnosticBag diagnostics)
    {
        var syntax = DefinitionParser.Parse(input.Files, diagnostics);
        var valid = DefinitionValidator.Validate(syntax, diagnostics);
        return ProjectBinder.Bind(valid, diagnostics);
    }
}
