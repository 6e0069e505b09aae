using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>What <c>manifest.json</c> holds. Artefacts are listed in execution order.</summary>
/// <remarks><paramref name="DatabasePattern"/>: for database-per-tenant projects, how each tenant's database is named (<c>&lt;tenant&gt;_db</c>).</remarks>
public sealed record BundleManifest(
    int FormatVersion,
    string Project,
    string BundleVersion,
    string ContentHash,
    IReadOnlyList<BundleSource> Sources,
    IReadOnlyList<BundleTenant> Tenants,
    IReadOnlyList<BundleArtefact> Artefacts,
    string? DatabasePattern = null)
{
    /// <summary>The bundle format this build of TenantModels writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    public const string FileName = "manifest.json";
    public const string DeployScriptFileName = "deploy.sql";
}
