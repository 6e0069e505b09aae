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
    private BundleManifest _manifest = Manifest;

    /// <summary>Set for a bundle just assembled: its deploy.sql checksum is computed on first need, or while it is written.</summary>
    private bool _deployChecksumPending;

    /// <summary>
    /// The manifest. For a bundle just compiled, deploy.sql's checksum is not known until deploy.sql is expanded (it grows
    /// with models × tenants): <see cref="BundleDirectory.Write"/> hashes it while writing it, so the build expands it
    /// once; anything that reads the manifest first gets it computed then.
    /// </summary>
    public BundleManifest Manifest
    {
        get
        {
            if (_deployChecksumPending)
            {
                Settle(Checksums.OfWritten(writer => Bundling.DeployScript.Write(_manifest, SqlOf, writer)));
            }

            return _manifest;
        }

        init
        {
            _manifest = value;
            _deployChecksumPending = false;
        }
    }

    /// <summary>A compiled bundle whose deploy.sql checksum (outside its content hash) is filled in when first needed.</summary>
    internal static Bundle WithPendingDeployChecksum(BundleManifest manifest, IReadOnlyDictionary<string, string> artefactFiles) =>
        new(manifest, artefactFiles) { _deployChecksumPending = true };

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

    public void WriteDeployScript(TextWriter writer) => Bundling.DeployScript.Write(_manifest, SqlOf, writer);

    /// <summary>Writes deploy.sql as UTF-8 to <paramref name="stream"/>; a pending checksum is taken from these bytes.</summary>
    internal void WriteDeployScript(Stream stream)
    {
        if (!_deployChecksumPending)
        {
            using var plain = BundleDirectory.OpenText(stream);
            WriteDeployScript(plain);
            return;
        }

        using var hashing = new PipelinedHashingStream(stream);
        using (var writer = new StreamWriter(hashing, BundleDirectory.Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            WriteDeployScript(writer);
        }

        Settle(Checksums.Format(hashing.Finish()));
    }

    internal bool DeployChecksumPending => _deployChecksumPending;

    /// <summary>The manifest as compiled, without settling deploy.sql's checksum (which would expand deploy.sql).</summary>
    internal BundleManifest ManifestWithoutDeployChecksum => _manifest;

    /// <summary>For a deploy.sql kept from the previous build (<see cref="DeployScriptReuse"/>): its recorded checksum.</summary>
    internal void SettleDeployChecksum(string deployChecksum) => Settle(deployChecksum);

    private void Settle(string deployChecksum)
    {
        _manifest = _manifest with { DeployChecksum = deployChecksum };
        _deployChecksumPending = false;
    }
}
