using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>A table's seed rows, type-checked: canonical text per value, null for NULL, columns in CSV header order.</summary>
/// <param name="RowLocations">Where each row starts in the CSV, for errors found across seeds (keys, foreign keys).</param>
public sealed record BoundSeed(string Path, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows,
    IReadOnlyList<Diagnostics.SourceLocation>? RowLocations = null);
