using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Compilation;

/// <summary>What the data test compiler hands to the bundler: one test's query template and what it reads.</summary>
public sealed record CompiledDataTest(string Name, string Model, string? Column, string Test, string? Source, string Artefact, string Sql, SourceLocation Location);
