using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>What the compiler hands to the bundler: one artefact's SQL (a template for tenant scope) and its dependencies.</summary>
/// <param name="TenantSql">Tenants whose statement differs from the shared template (tenants.yaml <c>overrides:</c>), by tenant id,
/// each a template like <paramref name="Sql"/>; null when every tenant runs the shared one.</param>
/// <param name="DefinedAt">For artefacts holding SQL the user wrote: the model's definition (<c>models/x.yaml:1:8</c>), see <see cref="BundleArtefact.DefinedAt"/>.</param>
/// <param name="SqlAt">Where the first line of the model's <c>sql:</c> body is, see <see cref="BundleArtefact.SqlAt"/>.</param>
/// <param name="Security">The desired owner, grants and policies of the object its SQL secures, see <see cref="BundleArtefact.Security"/>.</param>
/// <param name="Roles">The roles its SQL creates, see <see cref="BundleArtefact.Roles"/>.</param>
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
    SeedData? Seed = null,
    string? DefinedAt = null,
    IReadOnlyList<KeyValuePair<string, string>>? TenantSql = null,
    string? SqlAt = null,
    ObjectSecurity? Security = null,
    IReadOnlyList<RoleState>? Roles = null);
