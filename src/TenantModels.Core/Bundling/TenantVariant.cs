namespace TenantModels.Core.Bundling;

/// <summary>
/// One tenant's own statement for an artefact (its mapping <c>overrides:</c>), in place of the shared template; the
/// artefact keeps its id, object and signature, so a planner sees the same object with another definition.
/// </summary>
/// <param name="Path">Bundle-relative path of the SQL file, a template like the artefact's own.</param>
/// <param name="Checksum">SHA-256 of the file's bytes, as for <see cref="BundleArtefact.Checksum"/>.</param>
public sealed record TenantVariant(string Tenant, string Path, string Checksum);
