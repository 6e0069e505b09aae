namespace TenantModels.Core.Pipeline;

/// <summary>One YAML file of a model project.</summary>
/// <param name="Path">The path diagnostics report (as the host knows it, usually absolute).</param>
/// <param name="RelativePath">Path relative to the project folder, forward slashes; decides what kind of file it is.</param>
public sealed record DefinitionFile(string Path, string RelativePath, string Text);
