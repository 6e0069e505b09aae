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
}
