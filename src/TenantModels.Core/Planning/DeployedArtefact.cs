namespace TenantModels.Core.Planning;

/// <summary>What the database records as deployed for one artefact instance.</summary>
/// <param name="TenantId">The tenant it was expanded for; null for a global artefact.</param>
/// <param name="Checksum">Checksum of the expanded SQL that ran (<see cref="Bundling.ArtefactInstance.Checksum"/>).</param>
public sealed record DeployedArtefact(string ArtefactId, string? TenantId, string Checksum);
