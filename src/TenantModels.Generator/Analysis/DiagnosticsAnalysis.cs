using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Diagnostics;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>
/// Every TMxxxx diagnostic the build task reports, put together from the parts each step found: each file's parse,
/// the tenants, the models, and the checks of the two together (<see cref="CrossTenantChecks"/>).
/// </summary>
internal static class DiagnosticsAnalysis
{
    public static EquatableArray<DiagnosticSpec> Combine(
        ImmutableArray<ParsedDefinition> files,
        EquatableArray<Diagnostic> tenants,
        EquatableArray<Diagnostic> models,
        EquatableArray<Diagnostic> crossTenant)
    {
        if (files.IsDefaultOrEmpty)
        {
            return EquatableArray<DiagnosticSpec>.Empty;
        }

        var diagnostics = new DiagnosticBag();
        // Each file's line starts are found once, and only for files with diagnostics (a large file may have many).
        var linesByPath = new Dictionary<string, System.Lazy<DefinitionLines>>(System.StringComparer.Ordinal);
        foreach (var file in ProjectSyntaxBuilder.Ordered(files))
        {
            diagnostics.AddRange(file.Diagnostics);
            var text = file.Text.Text;
            linesByPath[file.Text.Path] = new System.Lazy<DefinitionLines>(() => DefinitionLines.Of(text));
        }

        diagnostics.AddRange(tenants);
        diagnostics.AddRange(models);
        diagnostics.AddRange(crossTenant);
        return diagnostics.ToSortedList().Select(d => Spec(d, linesByPath)).ToEquatableArray();
    }

    private static DiagnosticSpec Spec(Diagnostic diagnostic, IReadOnlyDictionary<string, System.Lazy<DefinitionLines>> linesByPath)
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
}
