using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class BundleArchiveTests
{
    private static Bundle Sample() => ModelProjectCompiler.Compile(
        ProjectInput.FromDirectory(RepoPaths.Combine("samples", "ShopTenants"), "ShopTenants", "1.2.3")).Bundle!;

    private static readonly ScratchFolder Scratch = new("tm-archive");

    private static string Temp(string name) => Scratch.NewPath(name);

    [ClassCleanup]
    public static void RemoveScratch() => Scratch.Delete();

    [TestMethod]
    public void Archive_is_reproducible_and_named_after_project_and_version()
    {
        var bundle = Sample();
        var name = BundleArchive.FileName(bundle.Manifest.Project, bundle.Manifest.BundleVersion);
        Assert.AreEqual("ShopTenants.1.2.3.tmbundle", name);

        var first = Temp(name);
        var second = Temp(name);
        BundleArchive.Write(bundle, first);
        BundleArchive.Write(Sample(), second);
        CollectionAssert.AreEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [TestMethod]
    public void Archive_reads_back_to_the_same_bundle()
    {
        var bundle = Sample();
        var path = Temp("b.tmbundle");
        BundleArchive.Write(bundle, path);

        var read = BundleArchive.Read(path, Temp("extracted"));

        Assert.AreEqual(ManifestJson.Write(bundle.Manifest), ManifestJson.Write(read.Manifest));
        Assert.AreEqual(bundle.DeployScript, read.DeployScript);
        CollectionAssert.AreEquivalent(bundle.ArtefactFiles.ToList(), read.ArtefactFiles.ToList());
    }

    [TestMethod]
    public void A_bundle_folder_given_with_a_trailing_slash_reads()
    {
        var directory = Temp("bundle");
        BundleDirectory.Write(Sample(), directory);
        Assert.AreEqual("ShopTenants", BundleDirectory.Read(directory + Path.DirectorySeparatorChar).Manifest.Project);
    }

    [TestMethod]
    public void A_tampered_entry_is_refused()
    {
        var bundle = Sample();
        var path = Temp("b.tmbundle");
        BundleArchive.Write(bundle, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(bundle.Manifest.Artefacts[0].Path)!;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(bundle.Manifest.Artefacts[0].Path).Open());
            writer.Write("DROP SCHEMA public CASCADE;");
        }

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(path, Temp("extracted")));
        StringAssert.Contains(e.Message, "does not match its checksum");
    }

    [TestMethod]
    public void An_entry_escaping_the_folder_or_a_file_that_is_no_zip_is_refused()
    {
        var path = Temp("evil.tmbundle");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("../escaped.sql").Open());
            writer.Write("x");
        }

        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(path, Temp("x"))).Message, "outside the bundle");

        var notZip = Temp("plain.tmbundle");
        Directory.CreateDirectory(Path.GetDirectoryName(notZip)!);
        File.WriteAllText(notZip, "not a zip");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(notZip, Temp("y"))).Message, "cannot be read");
    }

    [TestMethod]
    public void An_entry_failing_its_crc_is_refused_naming_it()
    {
        var bundle = Sample();
        var path = Temp("b.tmbundle");
        BundleArchive.Write(bundle, path);
        var damaged = bundle.Manifest.Artefacts[0].Path;
        // The bytes stay whole (their checksum matches): only the CRC-32 the zip recorded for them is wrong.
        ZipBytes.FlipRecordedCrc(path, damaged);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(path, Temp("extracted")));

        StringAssert.Contains(e.Message, $"archive entry '{damaged}' is damaged: its CRC-32 is");
    }

    [TestMethod]
    public void An_entry_the_manifest_does_not_list_is_refused_naming_it()
    {
        var path = Temp("b.tmbundle");
        BundleArchive.Write(Sample(), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            using var writer = new StreamWriter(zip.CreateEntry("artefacts/zz_extra.sql").Open());
            writer.Write("DROP SCHEMA public CASCADE;");
        }

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(path, Temp("extracted")));

        StringAssert.Contains(e.Message, "bundle file 'artefacts/zz_extra.sql' is not listed in the manifest");
    }

    [TestMethod]
    public void A_changed_deploy_script_is_refused()
    {
        var path = Temp("b.tmbundle");
        BundleArchive.Write(Sample(), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(BundleManifest.DeployScriptFileName)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(BundleManifest.DeployScriptFileName).Open());
            writer.Write("DROP SCHEMA public CASCADE;\n");
        }

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(path, Temp("extracted")));

        StringAssert.Contains(e.Message, "bundle file 'deploy.sql' does not match its checksum");
    }

    [TestMethod]
    public void A_duplicate_entry_is_refused_naming_it()
    {
        var bundle = Sample();
        var path = Temp("b.tmbundle");
        BundleArchive.Write(bundle, path);
        var copy = Path.Combine(Path.GetDirectoryName(path)!, "dup.tmbundle");
        using (var source = ZipFile.OpenRead(path))
        using (var target = ZipFile.Open(copy, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries.Concat(source.Entries.Where(e => e.FullName == BundleManifest.FileName)))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
        }

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleArchive.Read(copy, Temp("extracted")));

        StringAssert.Contains(e.Message, "archive entry 'manifest.json' appears more than once");
    }

    [TestMethod]
    public void An_archive_of_format_1_without_a_deploy_checksum_still_reads()
    {
        var path = RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Bundles", "Format1", "one_tenant.1.0.0.tmbundle");

        var read = BundleArchive.Read(path, Temp("extracted"));

        Assert.AreEqual(1, read.Manifest.FormatVersion);
        Assert.IsNull(read.Manifest.DeployChecksum);
        Assert.AreEqual("one_tenant", read.Manifest.Project);
    }

    [TestMethod]
    public void The_archive_records_the_deploy_script_checksum_under_the_content_hash()
    {
        var bundle = Sample();
        var path = Temp("b.tmbundle");
        BundleArchive.Write(bundle, path);

        using var zip = ZipFile.OpenRead(path);
        using var deploy = zip.GetEntry(BundleManifest.DeployScriptFileName)!.Open();
        using var bytes = new MemoryStream();
        deploy.CopyTo(bytes);
        using var manifest = new StreamReader(zip.GetEntry(BundleManifest.FileName)!.Open());
        var lines = manifest.ReadToEnd().Split('\n');
        var contentHash = Array.FindIndex(lines, l => l.StartsWith("  \"contentHash\"", StringComparison.Ordinal));

        Assert.AreEqual($"  \"deployChecksum\": \"{Checksums.Of(bytes.ToArray())}\",", lines[contentHash + 1]);
        Assert.AreEqual(bundle.Manifest.DeployChecksum, Checksums.Of(bytes.ToArray()));
    }
}
