using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>A table's seed rows, type-checked: canonical text per value, null for NULL, columns in CSV header order.</summary>
public sealed record BoundSeed(string Path, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);
