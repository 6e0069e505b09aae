using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>What <c>manifest.json</c> holds. Artefacts are listed in execution order.</summary>
public sealed record BundleManifest(
    int FormatVersion,
    string Project,
    string BundleVersion,
    string ContentHash,
    IReadOnlyList<BundleSource> Sources,
    IReadOnlyList<BundleTenant> Tenants,
    IReadOnlyList<BundleArtefact> Artefacts)
{
    /// <summary>The bundle format this build of TenantModels writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    public const string FileName = "manifest.json";
    public const string DeployScriptFileName = "deploy.sql";
}
