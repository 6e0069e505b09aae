using System.Collections.Generic;
using System.IO;

namespace TenantModels.Core.Bundling;

/// <summary>A compiled bundle in memory: the manifest plus the text of every artefact file, keyed by bundle-relative path.</summary>
/// <remarks>
/// The expanded <c>deploy.sql</c> is derived from these (<see cref="Bundling.DeployScript"/>) and grows with models × tenants,
/// so it is not held here: writers stream it with <see cref="WriteDeployScript"/>.
/// </remarks>
public sealed record Bundle(BundleManifest Manifest, IReadOnlyDictionary<string, string> ArtefactFiles)
{
    /// <summary>The whole <c>deploy.sql</c> as one string, built on each call: for tests and small bundles.</summary>
    public string DeployScript => Bundling.DeployScript.ToText(Manifest, SqlOf);

    public string SqlOf(BundleArtefact artefact) => ArtefactFiles[artefact.Path];

    /// <summary>
    /// A table artefact's desired shape (a template for tenant scope). Bundles written before the manifest carried it
    /// have it read back from their CREATE TABLE text; null when that text is not in the compiler's format.
    /// </summary>
    public Planning.TableDefinition? TableOf(BundleArtefact artefact) =>
        artefact.Kind != ArtefactKind.Table ? null
        : artefact.Table ?? (artefact.Signature is { } signature && Planning.Legacy.LegacyTableSql.TryParse(signature, SqlOf(artefact), out var table) ? table : null);

    /// <summary>A seed's rows and upsert as data; null for other kinds, seeds without rows and bundles before seed data (their SQL runs as it is).</summary>
    /// <exception cref="System.FormatException">The rows file is not the seed's CSV.</exception>
    public SeedData? SeedOf(BundleArtefact artefact) =>
        artefact.Seed is { } seed ? new SeedData(seed.Columns, SeedCsv.Read(ArtefactFiles[seed.RowsPath], seed.Columns), ArtefactFiles[seed.UpsertPath]) : null;

    public void WriteDeployScript(TextWriter writer) => Bundling.DeployScript.Write(Manifest, SqlOf, writer);
}
