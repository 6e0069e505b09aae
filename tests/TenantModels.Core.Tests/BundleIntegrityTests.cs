using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>A bundle folder holds exactly what its manifest lists, each file as built, deploy.sql included.</summary>
[TestClass]
public sealed class BundleIntegrityTests
{
    private static readonly ScratchFolder Scratch = new("tm-integrity");

    [ClassCleanup]
    public static void RemoveScratch() => Scratch.Delete();

    private static string WriteSample()
    {
        var directory = Scratch.NewPath("bundle");
        BundleDirectory.Write(ModelProjectCompiler.Compile(
            ProjectInput.FromDirectory(RepoPaths.Combine("samples", "ShopTenants"), "ShopTenants", "1.2.3")).Bundle!, directory);
        return directory;
    }

    [TestMethod]
    public void A_file_in_artefacts_the_manifest_does_not_list_is_refused_naming_it()
    {
        var directory = WriteSample();
        File.WriteAllText(Path.Combine(directory, "artefacts", "zz_extra.sql"), "DROP SCHEMA public CASCADE;\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));

        StringAssert.Contains(e.Message, "bundle file 'artefacts/zz_extra.sql' is not listed in the manifest");
    }

    [TestMethod]
    public void Changed_seed_rows_and_a_file_in_seeds_the_manifest_does_not_list_are_refused()
    {
        var directory = WriteSample();
        var csv = Directory.GetFiles(Path.Combine(directory, "seeds"), "*.csv")[0];
        var relative = "seeds/" + Path.GetFileName(csv);
        File.AppendAllText(csv, "\"999\",\"smuggled\"\n");

        var changed = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));

        StringAssert.Contains(changed.Message, $"bundle file '{relative}' does not match its checksum");
        var other = WriteSample();
        File.WriteAllText(Path.Combine(other, "seeds", "zz_extra.csv"), "\"id\"\n");
        var unlisted = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(other));
        StringAssert.Contains(unlisted.Message, "bundle file 'seeds/zz_extra.csv' is not listed in the manifest");
    }

    [TestMethod]
    public void Data_tests_are_read_back_and_a_changed_or_unlisted_test_query_is_refused()
    {
        var directory = Scratch.NewPath("bundle");
        BundleDirectory.Write(ModelProjectCompiler.Compile(
            ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SalesEtl"), "SalesEtl", "1.0.0")).Bundle!, directory);
        var read = BundleDirectory.Read(directory);
        var test = read.Manifest.DataTests![0];
        StringAssert.Contains(read.ArtefactFiles[test.Path], "LIMIT $1");
        Assert.AreEqual(ManifestJson.Write(read.Manifest), File.ReadAllText(Path.Combine(directory, BundleManifest.FileName)), "the manifest reads back as written");

        File.WriteAllText(Path.Combine(directory, BundleDataTest.Folder, "zz_extra.sql"), "SELECT 1\n");
        var unlisted = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));
        StringAssert.Contains(unlisted.Message, "bundle file 'tests/zz_extra.sql' is not listed in the manifest");
        File.Delete(Path.Combine(directory, BundleDataTest.Folder, "zz_extra.sql"));
        File.AppendAllText(Path.Combine(directory, test.Path), "UNION ALL SELECT 0, 'ok'\n");
        var changed = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));
        StringAssert.Contains(changed.Message, $"bundle file '{test.Path}' does not match its checksum");
    }

    [TestMethod]
    public void A_changed_deploy_script_is_refused()
    {
        var directory = WriteSample();
        File.AppendAllText(Path.Combine(directory, BundleManifest.DeployScriptFileName), "DROP SCHEMA public CASCADE;\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));

        StringAssert.Contains(e.Message, "bundle file 'deploy.sql' does not match its checksum");
    }

    [TestMethod]
    public void A_current_format_manifest_without_the_deploy_checksum_is_refused()
    {
        var directory = WriteSample();
        var manifest = Path.Combine(directory, BundleManifest.FileName);
        var lines = File.ReadAllLines(manifest);
        File.WriteAllLines(manifest, System.Array.FindAll(lines, l => !l.Contains("\"deployChecksum\"")));

        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));

        StringAssert.Contains(e.Message, $"bundle format {BundleManifest.CurrentFormatVersion} has no deployChecksum");
    }

    [TestMethod]
    public void A_bundle_folder_of_format_1_reads_without_a_deploy_checksum()
    {
        var directory = RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Bundles", "Format1", "one_tenant");

        var read = BundleDirectory.Read(directory);

        Assert.AreEqual(1, read.Manifest.FormatVersion);
        Assert.AreEqual(File.ReadAllText(Path.Combine(directory, BundleManifest.DeployScriptFileName)), read.DeployScript,
            "a format 1 bundle still expands to the deploy.sql it was built with");
    }
}
