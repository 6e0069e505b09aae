using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>A file under sources/: the shape of one provider's raw schema.</summary>
public sealed record SourceSyntax(
    Located<string> Name,
    Located<string>? SchemaPattern,
    IReadOnlyList<SourceTableSyntax> Tables);

public sealed record SourceTableSyntax(Located<string> Name, IReadOnlyList<ColumnSyntax> Columns);

/// <summary>A typed column, in a source table or a model; <paramref name="Default"/> is an SQL expression.</summary>
/// <param name="RenamedFrom">Earlier names of a table column (<c>renamed_from</c>), newest first: the runner renames instead of dropping.</param>
public sealed record ColumnSyntax(
    Located<string> Name,
    Located<string> Type,
    bool Nullable,
    Located<string>? Default = null,
    bool Identity = false,
    string? Description = null,
    IReadOnlyList<Located<string>>? RenamedFrom = null);
