using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Syntax;

/// <summary>A value read from a definition file with the position it was read at, for diagnostics in later stages.</summary>
public readonly record struct Located<T>(T Value, SourceLocation Location)
{
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
