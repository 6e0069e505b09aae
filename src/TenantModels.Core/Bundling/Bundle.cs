using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>A compiled bundle in memory: the manifest plus the text of every artefact file, keyed by bundle-relative path.</summary>
public sealed record Bundle(BundleManifest Manifest, IReadOnlyDictionary<string, string> ArtefactFiles, string DeployScript)
{
    public string SqlOf(BundleArtefact artefact) => ArtefactFiles[artefact.Path];
}
