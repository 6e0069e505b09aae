using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>One SQL artefact of a bundle, as listed in the manifest.</summary>
/// <param name="Id">Stable id, independent of tenants (e.g. <c>staging_view.outreach.call</c>).</param>
/// <param name="Source">For tenant artefacts that only apply to tenants having this source; otherwise null.</param>
/// <param name="Path">Bundle-relative path of the SQL file (forward slashes).</param>
/// <param name="Checksum">SHA-256 of the file's bytes, lowercase hex, prefixed <c>sha256:</c>.</param>
/// <param name="DependsOn">Ids of artefacts that must exist first; the manifest lists artefacts in an order that honours them.</param>
public sealed record BundleArtefact(
    string Id,
    ArtefactKind Kind,
    ArtefactScope Scope,
    string? Source,
    string Path,
    string Checksum,
    IReadOnlyList<string> DependsOn);
