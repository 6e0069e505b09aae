using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Bundling;

/// <summary>Turns compiled artefacts into a bundle: file paths, checksums, content hash (the expanded deploy script is streamed when written: <see cref="DeployScript"/>).</summary>
public static class BundleAssembler
{
    /// <summary>Where tenants' own statements (<see cref="TenantVariant"/>) are: one folder per tenant, the files named like the shared ones.</summary>
    public const string TenantVariantFolder = "artefacts/tenants";

    public static Bundle Assemble(
        string project,
        string bundleVersion,
        IReadOnlyList<BundleSource> sources,
        IReadOnlyList<BundleTenant> tenants,
        IReadOnlyList<CompiledArtefact> compiled,
        string? databasePattern = null,
        BundleSecurity? security = null,
        string? isolationChecks = null,
        IReadOnlyList<TenantValueDeclaration>? tenantValues = null,
        IReadOnlyList<BundleAttribute>? attributes = null,
        IReadOnlyList<Waves.BundleWave>? waves = null,
        string? distribution = null,
        IReadOnlyList<BundleDataTest>? dataTests = null,
        IReadOnlyDictionary<string, string>? dataTestSql = null,
        IReadOnlyList<ModelDescription>? descriptions = null,
        IReadOnlyList<BundleSchedule>? schedules = null,
        IReadOnlyList<ScheduleTenant>? scheduleTenants = null)
    {
        var files = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
        var artefacts = new List<BundleArtefact>(compiled.Count);
        foreach (var c in compiled)
        {
            var path = "artefacts/" + c.Id + ".sql";
            files.Add(path, c.Sql);
            BundleSeed? seed = null;
            if (c.Seed is { } data)
            {
                var rows = SeedCsv.Write(data.Columns, data.Rows);
                seed = new BundleSeed(data.Columns, "seeds/" + c.Id + ".csv", Checksums.Of(rows), "seeds/" + c.Id + ".upsert.sql", Checksums.Of(data.Upsert));
                files.Add(seed.RowsPath, rows);
                files.Add(seed.UpsertPath, data.Upsert);
            }

            List<TenantVariant>? variants = null;
            foreach (var tenantSql in c.TenantSql ?? new KeyValuePair<string, string>[0])
            {
                var variantPath = TenantVariantFolder + "/" + tenantSql.Key + "/" + c.Id + ".sql";
                files.Add(variantPath, tenantSql.Value);
                (variants ??= new List<TenantVariant>()).Add(new TenantVariant(tenantSql.Key, variantPath, Checksums.Of(tenantSql.Value)));
            }

            artefacts.Add(new BundleArtefact(c.Id, c.Kind, c.Scope, c.Source, path, Checksums.Of(c.Sql), c.DependsOn, c.Object, c.Signature, c.RenamedColumns, c.Table, seed, c.DefinedAt, variants, c.SqlAt, c.Security, c.Roles));
        }

        if (security is not null && isolationChecks is not null)
        {
            files.Add(security.ChecksPath, isolationChecks);
            security = security with { ChecksChecksum = Checksums.Of(isolationChecks) };
        }

        var tests = new List<BundleDataTest>();
        foreach (var test in dataTests ?? new BundleDataTest[0])
        {
            var sql = dataTestSql![test.Name];
            var path = BundleDataTest.Folder + "/" + test.Name + ".sql";
            files.Add(path, sql);
            tests.Add(test with { Path = path, Checksum = Checksums.Of(sql) });
        }

        var format = distribution == Binding.Distributions.Citus ? BundleManifest.CitusFormatVersion
            : artefacts.Any(a => a.TenantVariants is not null) ? BundleManifest.TenantVariantsFormatVersion
            : tenantValues is { Count: > 0 } ? BundleManifest.TenantValuesFormatVersion
            : BundleManifest.CurrentFormatVersion;
        var unhashed = new BundleManifest(format, project, bundleVersion, string.Empty, sources, tenants, artefacts, databasePattern,
            BundleManifest.CurrentToolchainVersion, BundleManifest.CurrentDefinitionsSchemaVersion, security,
            TenantValues: tenantValues is { Count: > 0 } ? tenantValues : null, Attributes: attributes is { Count: > 0 } ? attributes : null, Waves: waves is { Count: > 0 } ? waves : null, Distribution: distribution,
            DataTests: tests.Count > 0 ? tests : null, Descriptions: descriptions is { Count: > 0 } ? descriptions : null,
            Schedules: schedules is { Count: > 0 } ? schedules : null, ScheduleTenants: schedules is { Count: > 0 } ? scheduleTenants : null);
        var manifest = unhashed with { ContentHash = ContentHashOf(unhashed) };

        // deploy.sql names the content hash, so its checksum comes last: taken when deploy.sql is written (or first needed),
        // hashed as it is expanded, never held whole, so writing the bundle expands it once.
        return Bundle.WithPendingDeployChecksum(manifest, files);
    }

    /// <summary>
    /// Hash of the manifest written without its hash (and without deploy.sql's checksum, which depends on it): covers
    /// tenants, artefact order, dependencies and every artefact file checksum. Not where models are defined: a comment added
    /// above a model changes no object, so it must not make the bundle a different one (a same-version rebuild is refused).
    /// </summary>
    public static string ContentHashOf(BundleManifest manifest) =>
        Checksums.OfWritten(text => ManifestJson.Write(manifest with
        {
            ContentHash = string.Empty,
            DeployChecksum = null,
            Artefacts = manifest.Artefacts.Select(a => a.DefinedAt is null && a.SqlAt is null ? a : a with { DefinedAt = null, SqlAt = null }).ToList(),
            DataTests = manifest.DataTests?.Select(t => t with { DefinedAt = null }).ToList(),
            Descriptions = null,
        }, text));
}
