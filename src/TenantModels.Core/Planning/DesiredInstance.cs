using System.Collections.Generic;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>An artefact expanded for one tenant, or a union expanded over <see cref="IncludedTenants"/>: what should exist.</summary>
internal sealed record DesiredInstance(BundleArtefact Artefact, string? TenantId, string Sql, string Checksum, string Object, IReadOnlyList<string>? IncludedTenants);
