using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>Models' and columns' <c>description:</c> reach the manifest for documentation, and rewording one is not another bundle.</summary>
[TestClass]
public sealed class ManifestDescriptionsTests
{
    private static BundleManifest CallAnalytics() =>
        ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0")).Bundle!.Manifest;

    [TestMethod]
    public void Descriptions_survive_the_manifest()
    {
        var manifest = CallAnalytics();
        var read = ManifestJson.Read(ManifestJson.Write(manifest));

        var call = read.Descriptions!.Single(d => d.Model == "call");
        StringAssert.StartsWith(call.Description, "One call a sales rep made or received");
        Assert.AreEqual("The provider's id of the call", call.Columns.Single(c => c.Key == "call_id").Value);
        Assert.AreEqual(ManifestJson.Write(manifest), ManifestJson.Write(read), "written again, the same bytes");
    }

    [TestMethod]
    public void Rewording_a_description_keeps_the_content_hash()
    {
        var manifest = CallAnalytics();
        var reworded = manifest with
        {
            Descriptions = manifest.Descriptions!.Select(d => d with { Description = "Reworded.", Columns = new List<KeyValuePair<string, string>>() }).ToList(),
        };

        Assert.AreEqual(BundleAssembler.ContentHashOf(manifest), BundleAssembler.ContentHashOf(reworded));
        Assert.AreNotEqual(ManifestJson.Write(manifest), ManifestJson.Write(reworded));
    }
}
