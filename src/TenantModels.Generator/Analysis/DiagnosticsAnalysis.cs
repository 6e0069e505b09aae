using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using TenantModels.Core.Binding;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Validation;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>Every TMxxxx diagnostic the build task reports, from the separately parsed files (only the edited one is parsed again).</summary>
internal static class DiagnosticsAnalysis
{
    public static EquatableArray<DiagnosticSpec> Analyze(ImmutableArray<ParsedDefinition> files, CancellationToken cancellationToken)
    {
        if (files.IsDefaultOrEmpty)
        {
            return EquatableArray<DiagnosticSpec>.Empty;
        }

        var ordered = ProjectSyntaxBuilder.Ordered(files).ToList();
        var diagnostics = new DiagnosticBag();
        foreach (var file in ordered)
        {
            diagnostics.AddRange(file.Diagnostics);
        }

        // The stages of ModelProjectCompiler.Analyze after parsing.
        var bound = ProjectBinder.Bind(DefinitionValidator.Validate(ProjectSyntaxBuilder.Build(ordered), diagnostics), diagnostics);
        ArtefactCompiler.Check(bound, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();

        var textByPath = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var file in ordered)
        {
            textByPath[file.Text.Path] = file.Text.Text;
        }

        return diagnostics.ToSortedList().Select(d => Spec(d, textByPath)).ToEquatableArray();
    }

    private static DiagnosticSpec Spec(Diagnostic diagnostic, IReadOnlyDictionary<string, string> textByPath)
    {
        LocationInfo? location = null;
        var at = diagnostic.Location;
        if (at.Path.Length > 0)
        {
            var span = textByPath.TryGetValue(at.Path, out var text) && at.Line > 0
                ? DefinitionSpans.Locate(text, at.Line, at.Column)
                : new DefinitionSpan(0, 0, 0, 0, 0, 0);
            location = new LocationInfo(
                at.Path,
                new TextSpan(span.Start, span.Length),
                new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
        }

        return new DiagnosticSpec(diagnostic.Code, DiagnosticCatalog.TitleOf(diagnostic.Code), diagnostic.Message, diagnostic.IsError, location);
    }
}
