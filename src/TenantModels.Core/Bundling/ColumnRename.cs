using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>A table column and the names it had before (newest first), as declared by <c>renamed_from</c>.</summary>
public sealed record ColumnRename(string Column, IReadOnlyList<string> From);
