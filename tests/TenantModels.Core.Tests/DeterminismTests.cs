using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class DeterminismTests
{
    private static ProjectInput Sample() =>
        ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0");

    [TestMethod]
    public void Same_input_in_any_file_order_gives_byte_identical_bundle_files()
    {
        var input = Sample();
        var first = ModelProjectCompiler.Compile(input);
        var reversed = ModelProjectCompiler.Compile(input with { Files = input.Files.Reverse().ToList() });
        Assert.IsTrue(first.Succeeded, string.Join("\n", first.Diagnostics));

        var a = Write(first.Bundle!);
        var b = Write(reversed.Bundle!);
        CollectionAssert.AreEqual(Files(a).Select(f => f.Name).ToList(), Files(b).Select(f => f.Name).ToList());
        foreach (var (name, bytes) in Files(a))
        {
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(b, name)), name);
        }
    }

    [TestMethod]
    public void Bundle_written_to_disk_reads_back_with_verified_checksums()
    {
        var bundle = ModelProjectCompiler.Compile(Sample()).Bundle!;
        var read = BundleDirectory.Read(Write(bundle));
        Assert.AreEqual(bundle.Manifest.ContentHash, read.Manifest.ContentHash);
        Assert.AreEqual(ManifestJson.Write(bundle.Manifest), ManifestJson.Write(read.Manifest));
        Assert.AreEqual(bundle.DeployScript, read.DeployScript);
    }

    [TestMethod]
    public void A_modified_artefact_or_manifest_is_detected_on_read()
    {
        var bundle = ModelProjectCompiler.Compile(Sample()).Bundle!;
        var dir = Write(bundle);
        var artefact = Path.Combine(dir, bundle.Manifest.Artefacts[0].Path);
        File.AppendAllText(artefact, "DROP SCHEMA public;\n");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(dir));
        StringAssert.Contains(e.Message, "does not match its checksum");

        var dir2 = Write(bundle);
        var manifest = Path.Combine(dir2, BundleManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"enabled\": true", "\"enabled\": false"));
        e = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(dir2));
        StringAssert.Contains(e.Message, "content hash");
    }

    public static IEnumerable<object[]> CompilingCases() => CaseDeploymentTests.CompilingCases();

    /// <summary>deploy.sql is streamed for size; it must say exactly what the runner's own expansion of the templates says.</summary>
    [TestMethod]
    [DynamicData(nameof(CompilingCases))]
    public void Streamed_deploy_script_equals_the_runners_expansion(string name)
    {
        var bundle = CaseCompiler.Compile(Path.Combine(CompilerCaseTests.CasesDirectory, name)).Bundle!;
        var expected = new System.Text.StringBuilder()
            .Append("-- TenantModels deploy script for ").Append(bundle.Manifest.Project).Append(' ').Append(bundle.Manifest.BundleVersion).Append('\n')
            .Append("-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql\n");
        // A bundle for Citus switches schema-based sharding on for tenant artefacts and off for the others (docs/citus.md).
        var citus = bundle.Manifest.Distribution == "citus";
        bool? sharding = null;
        if (citus)
        {
            expected.Append("-- Citus (distribution: citus): run on the coordinator; tenant schemas become distributed schemas, as the runner makes them.\n");
        }

        foreach (var instance in ArtefactExpander.Expand(bundle))
        {
            if (citus && sharding != (instance.TenantId is not null))
            {
                sharding = instance.TenantId is not null;
                expected.Append("\nSET citus.enable_schema_based_sharding = ").Append(sharding.Value ? "on" : "off").Append(";\n");
            }

            expected.Append("\n-- ").Append(instance.Artefact.Id).Append(instance.TenantId is null ? string.Empty : " (tenant " + instance.TenantId + ")")
                .Append('\n').Append(instance.Sql.TrimEnd('\n')).Append('\n');
        }

        if (citus)
        {
            expected.Append("\nRESET citus.enable_schema_based_sharding;\n");
        }

        Assert.AreEqual(expected.ToString(), bundle.DeployScript);
    }

    [TestMethod]
    public void Sample_bundle_matches_its_golden_deploy_script() =>
        GoldenFile.Verify(ModelProjectCompiler.Compile(Sample()).Bundle!.DeployScript,
            RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Samples", "CallAnalytics.deploy.verified.sql"));

    private static readonly ScratchFolder Scratch = new("tm-bundle");

    [ClassCleanup]
    public static void RemoveScratch() => Scratch.Delete();

    private static string Write(Bundle bundle)
    {
        var dir = Scratch.NewPath();
        BundleDirectory.Write(bundle, dir);
        return dir;
    }

    private static (string Name, byte[] Bytes)[] Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .OrderBy(f => f.Item1, System.StringComparer.Ordinal)
            .ToArray();
}
