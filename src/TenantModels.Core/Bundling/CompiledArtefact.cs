using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>What the compiler hands to the bundler: one artefact's SQL (a template for tenant scope) and its dependencies.</summary>
public sealed record CompiledArtefact(
    string Id,
    ArtefactKind Kind,
    ArtefactScope Scope,
    string? Source,
    string Sql,
    IReadOnlyList<string> DependsOn,
    string Object,
    string? Signature,
    IReadOnlyList<ColumnRename>? RenamedColumns = null,
    Planning.TableDefinition? Table = null,
    SeedData? Seed = null);
