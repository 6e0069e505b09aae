namespace TenantModels.Core.Bundling;

/// <summary>An artefact expanded for one tenant (or the global one, <see cref="TenantId"/> null): what actually runs.</summary>
public sealed record ArtefactInstance(BundleArtefact Artefact, string? TenantId, string Sql, string Checksum);
