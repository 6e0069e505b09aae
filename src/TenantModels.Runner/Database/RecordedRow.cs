using System;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Database;

/// <summary>One row of <c>tenantmodels.deployed_artefact</c>: the planner's view of it plus what verify and <c>tenants show</c> need.</summary>
/// <param name="Catalog">The catalog snapshot taken when it was applied; null when not read (or never taken).</param>
/// <param name="RowVersion">The row's <c>xmin</c>: any write to the row changes it, so it stands for the row's content in a schema's key.</param>
internal sealed record RecordedRow(DeployedArtefact Artefact, string BundleVersion, DateTime AppliedAt, CatalogSnapshot? Catalog, long RowVersion = 0);
