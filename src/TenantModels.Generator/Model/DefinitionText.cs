namespace TenantModels.Generator.Model;

/// <summary>One definition file as plain data.</summary>
/// <remarks>
/// A record of strings compares by value, so an unchanged file is Cached and the Collect after it sees the same
/// array; <c>AdditionalText</c> itself compares by reference.
/// </remarks>
internal sealed record DefinitionText(string Path, string RelativePath, string Text);
