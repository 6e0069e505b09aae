using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Pipeline;
using TenantModels.Generator.Model;

namespace TenantModels.Generator;

/// <summary>From Roslyn inputs to equatable specs; all the analysis is TenantModels.Core's.</summary>
internal static class Parser
{
    private static readonly ProjectSpec NoDefinitions = new(
        false, new SupportSpec(string.Empty, 0), new TenantsSpec(EquatableArray<AttributeSpec>.Empty, EquatableArray<TenantSpec>.Empty), EquatableArray<ModelSpec>.Empty, EquatableArray<DiagnosticSpec>.Empty);

    public static GeneratorSettings Settings(AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var global = options.GlobalOptions;
        var directory = Value(global, GeneratorSettings.ProjectDirectoryProperty) ?? Value(global, GeneratorSettings.ProjectDirProperty);
        var diagnostics = string.Equals(Value(global, GeneratorSettings.DiagnosticsProperty), "true", StringComparison.OrdinalIgnoreCase);
        return new GeneratorSettings(directory, Value(global, GeneratorSettings.RootNamespaceProperty), diagnostics);
    }

    /// <returns>The file as data, or null when it is not a definition file (by its path relative to the project).</returns>
    public static DefinitionText? Definition(AdditionalText file, string? projectDirectory, CancellationToken cancellationToken)
    {
        if (projectDirectory is null)
        {
            return null;
        }

        var relative = ProjectInput.Relative(projectDirectory, file.Path);
        if (DefinitionFileLayout.KindOf(relative) == DefinitionFileKind.Unknown)
        {
            return null;
        }

        var text = file.GetText(cancellationToken);
        return text is null ? null : new DefinitionText(file.Path, relative, text.ToString());
    }

    public static EmitOptions EmitOptions(string? rootNamespace, string? assemblyName, bool referencesNpgsql) =>
        new(Namespace(rootNamespace) ?? Namespace(assemblyName) ?? "TenantModels.Generated", referencesNpgsql);

    public static ProjectSpec Project(ImmutableArray<DefinitionText> files, CancellationToken cancellationToken)
    {
        if (files.IsDefaultOrEmpty)
        {
            return NoDefinitions;
        }

        var ordered = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        var input = new ProjectInput("generator", "0.0.0", ordered.Select(f => new DefinitionFile(f.Path, f.RelativePath, f.Text)).ToList());
        var analysis = ModelProjectCompiler.Analyze(input);
        cancellationToken.ThrowIfCancellationRequested();

        var code = CodeModelBuilder.Build(analysis.Project);
        // Each file's line starts are found once, and only for files with diagnostics (a large file may have many).
        var linesByPath = new Dictionary<string, Lazy<DefinitionLines>>(StringComparer.Ordinal);
        foreach (var file in ordered)
        {
            linesByPath[file.Path] = new Lazy<DefinitionLines>(() => DefinitionLines.Of(file.Text));
        }

        return new ProjectSpec(
            true,
            new SupportSpec(code.TenantPlaceholder, code.MaxIdentifierBytes),
            new TenantsSpec(
                code.Attributes.Select(a => new AttributeSpec(a.Name, a.MemberName, a.SqlType, a.PropertyType, a.Nullable)).ToEquatableArray(),
                code.Tenants.Select(t => new TenantSpec(t.Id, t.MemberName, t.Name, t.Enabled, t.Sources.ToEquatableArray(), t.Priority, t.Tier, t.Database,
                    t.AttributeValues.ToEquatableArray())).ToEquatableArray()),
            code.Models.Select(Model).ToEquatableArray(),
            analysis.Diagnostics.Select(d => Diagnostic(d, linesByPath)).ToEquatableArray());
    }

    private static ModelSpec Model(ModelCode model) => new(
        model.Name,
        model.TypeName,
        model.RowTypeName,
        model.Materialized,
        model.Scope,
        model.Columns.Select(c => new ColumnSpec(c.Name, c.MemberName, c.SqlType, c.ClrType.Name, c.PropertyType, c.Nullable, c.Description)).ToEquatableArray(),
        model.PerTenant.Select(Object).ToEquatableArray(),
        model.Shared is { } shared ? Object(shared) : null,
        model.Canonical is { } canonical ? Object(canonical) : null,
        model.TenantColumn,
        model.Description);

    private static ModelObjectSpec Object(ModelObjectCode o) => new(o.Source, o.SchemaTemplate, o.ObjectName, o.QualifiedNameTemplate, o.SelectTemplate);

    private static DiagnosticSpec Diagnostic(Core.Diagnostics.Diagnostic diagnostic, IReadOnlyDictionary<string, Lazy<DefinitionLines>> linesByPath)
    {
        LocationInfo? location = null;
        var at = diagnostic.Location;
        if (at.Path.Length > 0)
        {
            var span = linesByPath.TryGetValue(at.Path, out var lines) && at.Line > 0
                ? lines.Value.Locate(at.Line, at.Column)
                : new DefinitionSpan(0, 0, 0, 0, 0, 0);
            location = new LocationInfo(
                at.Path,
                new TextSpan(span.Start, span.Length),
                new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
        }

        return new DiagnosticSpec(diagnostic.Code, DiagnosticCatalog.TitleOf(diagnostic.Code), diagnostic.Message, diagnostic.IsError, location);
    }

    private static string? Value(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A valid C# namespace from an MSBuild name (<c>My-App.Data</c> → <c>My_App.Data</c>), or null.</summary>
    private static string? Namespace(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var parts = name!.Split('.').Select(part =>
        {
            var chars = part.Select(ch => char.IsLetterOrDigit(ch) || ch == '_' ? ch : '_').ToArray();
            var identifier = new string(chars);
            if (identifier.Length == 0 || char.IsDigit(identifier[0]))
            {
                identifier = "_" + identifier;
            }

            return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
                ? "@" + identifier
                : identifier;
        });
        return string.Join(".", parts);
    }
}
