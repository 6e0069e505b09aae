namespace TenantModels.Core.Diagnostics;

/// <summary>A position in a definition file, kept as plain data so it can cross hosts (MSBuild, Roslyn, CLI).</summary>
/// <remarks>Line and column are 1-based, as editors and MSBuild's canonical error format expect.</remarks>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public static SourceLocation None { get; } = new(string.Empty, 0, 0);

    public static SourceLocation StartOf(string path) => new(path, 1, 1);

    public override string ToString() => Line > 0 ? $"{Path}({Line},{Column})" : Path;
}
