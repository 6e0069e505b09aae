using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Syntax;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>One definition file parsed on its own by TenantModels.Core, with the diagnostics of that parse.</summary>
/// <remarks>
/// Equal when the file (path and text) is equal: parsing is a function of it, so an edit re-parses only the edited
/// file and every other file's syntax is reused. Core's syntax records hold lists, which compare by reference, so
/// they cannot be the step's value themselves.
/// </remarks>
internal sealed class ParsedDefinition : IEquatable<ParsedDefinition>
{
    private ParsedDefinition(DefinitionText text, DefinitionFileKind kind, ProjectSyntax syntax, IReadOnlyList<Diagnostic> diagnostics, bool loaded)
    {
        Text = text;
        Kind = kind;
        Syntax = syntax;
        Diagnostics = diagnostics;
        Loaded = loaded;
    }

    public DefinitionText Text { get; }

    public DefinitionFileKind Kind { get; }

    /// <summary>What Core's parser made of this file alone: at most one of settings, tenants, a source, a model, a seed.</summary>
    public ProjectSyntax Syntax { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>False when the file is not valid YAML: Core's parser then keeps what an earlier file of the same kind set.</summary>
    public bool Loaded { get; }

    public bool IsTenants => Kind == DefinitionFileKind.Tenants;

    public bool IsSource => Kind == DefinitionFileKind.Source;

    public static ParsedDefinition Parse(DefinitionText text, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var syntax = DefinitionParser.Parse(new[] { new DefinitionFile(text.Path, text.RelativePath, text.Text) }, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        var sorted = diagnostics.ToSortedList();
        var loaded = !sorted.Any(d => d.Code == DefinitionDiagnostics.YamlSyntax.Code && d.IsError);
        return new ParsedDefinition(text, DefinitionFileLayout.KindOf(text.RelativePath), syntax, sorted, loaded);
    }

    public bool Equals(ParsedDefinition? other) => other is not null && Text.Equals(other.Text);

    public override bool Equals(object? obj) => Equals(obj as ParsedDefinition);

    public override int GetHashCode() => Text.GetHashCode();
}
