using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Editor;

/// <summary>
/// The names one project defines, as its definition files spell them: what the project-specific editor schemas offer
/// and accept where a definition refers to a model, a column, a source, a table or a tenant. Each list is sorted and
/// without duplicates, so the schemas written from it do not depend on file order.
/// </summary>
public sealed class ProjectNames
{
    private ProjectNames(
        IReadOnlyList<NamedColumns> models,
        IReadOnlyList<SourceNames> sources,
        IReadOnlyList<string> tenants)
    {
        Models = models;
        Sources = sources;
        Tenants = tenants;
    }

    /// <summary>No names: the placeholders the SDK ships, in use until the first build writes the project's own.</summary>
    public static ProjectNames Empty { get; } = new(new NamedColumns[0], new SourceNames[0], new string[0]);

    public IReadOnlyList<NamedColumns> Models { get; }

    public IReadOnlyList<SourceNames> Sources { get; }

    public IReadOnlyList<string> Tenants { get; }

    /// <summary>
    /// Reads the names from parsed (not validated) definitions: a project with errors still names most of its
    /// models and columns, and the editor needs them most while those errors are being fixed.
    /// </summary>
    public static ProjectNames From(ProjectSyntax syntax)
    {
        var models = syntax.Models
            .Where(m => IsName(m.Name.Value))
            .GroupBy(m => m.Name.Value, StringComparer.Ordinal)
            .Select(g => new NamedColumns(g.Key, Columns(g.First().Columns)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var sources = syntax.Sources
            .Where(s => IsName(s.Name.Value))
            .GroupBy(s => s.Name.Value, StringComparer.Ordinal)
            .Select(g => new SourceNames(
                g.Key,
                g.First().Tables
                    .Where(t => IsName(t.Name.Value))
                    .GroupBy(t => t.Name.Value, StringComparer.Ordinal)
                    .Select(t => new NamedColumns(t.Key, Columns(t.First().Columns)))
                    .OrderBy(t => t.Name, StringComparer.Ordinal)
                    .ToList()))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var tenants = syntax.Tenants.Tenants
            .Select(t => t.Id.Value)
            .Where(IsName)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => t, StringComparer.Ordinal)
            .ToList();
        return new ProjectNames(models, sources, tenants);
    }

    private static IReadOnlyList<ColumnName> Columns(IEnumerable<ColumnSyntax> columns) =>
        columns
            .Where(c => IsName(c.Name.Value))
            .GroupBy(c => c.Name.Value, StringComparer.Ordinal)
            .Select(g => new ColumnName(g.Key, g.First().Type.Value))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    // The parser keeps what it could read of a broken file; an empty name is nothing to propose.
    private static bool IsName(string? name) => !string.IsNullOrWhiteSpace(name);
}

/// <summary>A model or a source table: its name and its columns.</summary>
public sealed record NamedColumns(string Name, IReadOnlyList<ColumnName> Columns);

/// <summary>A source: its name and its tables.</summary>
public sealed record SourceNames(string Name, IReadOnlyList<NamedColumns> Tables);

/// <summary>A column's name and its declared type as written (shown on hover and completion).</summary>
public sealed record ColumnName(string Name, string Type);
