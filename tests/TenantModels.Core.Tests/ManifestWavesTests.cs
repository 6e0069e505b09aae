using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Waves;

namespace TenantModels.Core.Tests;

/// <summary>The rollout waves of tenantmodels.yaml reach the manifest, are covered by its content hash, and bundles without them keep their bytes.</summary>
[TestClass]
public sealed class ManifestWavesTests
{
    private static BundleManifest Compiled(string caseName) =>
        CaseCompiler.Compile(Path.Combine(CompilerCaseTests.CasesDirectory, caseName)).Bundle!.Manifest;

    [TestMethod]
    public void Waves_survive_the_manifest_in_order_with_their_criteria()
    {
        var read = ManifestJson.Read(ManifestJson.Write(Compiled("waves_canary_then_rest")));

        CollectionAssert.AreEqual(new[] { "canary", "standard", "rest" }, read.Waves!.Select(w => w.Name).ToArray());
        var canary = read.Waves![0];
        CollectionAssert.AreEqual(new[] { "acme" }, canary.Tenants.ToArray());
        Assert.AreEqual(BundleWave.Halt, canary.OnError, "halt is the default");
        Assert.IsNull(canary.Jobs);
        var standard = read.Waves[1];
        Assert.AreEqual("standard", standard.Tier);
        Assert.AreEqual("0", standard.Where["white_label_id"]);
        Assert.AreEqual(4, standard.Jobs);
        Assert.IsTrue(read.Waves[2].TakesTheRest);
        Assert.AreEqual(BundleWave.Continue, read.Waves[2].OnError);
    }

    [TestMethod]
    public void A_changed_wave_changes_the_content_hash()
    {
        var manifest = Compiled("waves_canary_then_rest");
        var changed = manifest with { Waves = manifest.Waves!.Select(w => w.Name == "canary" ? w with { OnError = BundleWave.Continue } : w).ToList() };

        Assert.AreNotEqual(BundleAssembler.ContentHashOf(manifest), BundleAssembler.ContentHashOf(changed));
        Assert.AreEqual(manifest.ContentHash, BundleAssembler.ContentHashOf(manifest));
    }

    [TestMethod]
    public void A_project_without_waves_writes_no_waves_key()
    {
        var text = ManifestJson.Write(Compiled("tenant_defaults_and_attributes"));

        Assert.IsFalse(text.Contains("\"waves\""), text);
        Assert.IsNull(ManifestJson.Read(text).Waves);
    }
}
