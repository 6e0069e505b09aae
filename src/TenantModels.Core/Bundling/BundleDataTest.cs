namespace TenantModels.Core.Bundling;

/// <summary>
/// One data test of a bundle, as the manifest's <c>dataTests</c> lists it: a query template (<c>{{tenant}}</c>, and the
/// tenant's values) run for each tenant, returning one row per failing row of the model, at most <c>$1</c> of them, each
/// with the count of all failing rows (<c>failing bigint</c>) and the row as JSON (<c>sample text</c>). No row: it passes.
/// </summary>
/// <param name="Name">Stable and unique, e.g. <c>orders.status.accepted_values</c>; <c>@source</c> ends the name of a test of one source's object.</param>
/// <param name="Test">What it checks: <c>not_null</c>, <c>unique</c>, <c>accepted_values</c>, <c>relationships</c>, <c>expression</c>, <c>row_count</c>, <c>canonical_tenants</c>.</param>
/// <param name="Source">For a model built from sources: the source whose object it reads; it runs for the tenants that have that source.</param>
/// <param name="Artefact">The artefact whose object it reads: it runs for a tenant only where that artefact is deployed (for the tenant, when tenant-scoped).</param>
/// <param name="Path">Bundle-relative path of the query (<c>tests/&lt;name&gt;.sql</c>).</param>
/// <param name="Checksum">SHA-256 of that file, like an artefact's.</param>
/// <param name="DefinedAt">Where the test is declared (<c>models/orders.yaml:12:9</c>), outside the content hash like an artefact's.</param>
public sealed record BundleDataTest(
    string Name,
    string Model,
    string? Column,
    string Test,
    string? Source,
    string Artefact,
    string Path,
    string Checksum,
    string? DefinedAt = null)
{
    public const string Folder = "tests";

    /// <summary>The first parameter of every test query: how many failing rows to return as samples.</summary>
    public const string SampleLimitParameter = "$1";
}
