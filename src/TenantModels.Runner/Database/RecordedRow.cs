using System;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Database;

/// <summary>One row of <c>tenantmodels.deployed_artefact</c>: the planner's view of it plus what verify and <c>tenants show</c> need.</summary>
internal sealed record RecordedRow(DeployedArtefact Artefact, string BundleVersion, DateTime AppliedAt, CatalogSnapshot? Catalog);
