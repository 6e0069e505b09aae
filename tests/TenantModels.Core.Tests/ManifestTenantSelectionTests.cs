using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>The registry's tiers and typed attributes reach the manifest, so the runner can select tenants by them.</summary>
[TestClass]
public sealed class ManifestTenantSelectionTests
{
    private static BundleManifest Compiled(string sample) => ModelProjectCompiler.Compile(
        ProjectInput.FromDirectory(RepoPaths.Combine("samples", sample), sample, "1.0.0")).Bundle!.Manifest;

    [TestMethod]
    public void Tiers_attribute_values_and_declared_types_survive_the_manifest()
    {
        var read = ManifestJson.Read(ManifestJson.Write(Compiled("SalesEtl")));

        CollectionAssert.AreEqual(
            new[] { "azure_container:text", "sales_threshold:numeric", "date_filter_start:date", "material_type_filter:text[]" },
            read.Attributes!.Select(a => $"{a.Name}:{a.Type}").ToArray());
        var tenant1 = read.Tenants.Single(t => t.Id == "tenant1");
        var tenant2 = read.Tenants.Single(t => t.Id == "tenant2");
        Assert.AreEqual("premium", tenant1.Tier);
        Assert.AreEqual("standard", tenant2.Tier, "the registry's default tier");
        Assert.AreEqual("2023-04-01", tenant1.Attributes!["date_filter_start"]);
        Assert.AreEqual("25000", tenant2.Attributes!["sales_threshold"]);
        Assert.IsFalse(tenant2.Attributes.ContainsKey("date_filter_start"), "an unset attribute has no value");
    }

    [TestMethod]
    public void A_registry_without_tiers_or_attributes_writes_none_of_their_keys()
    {
        var manifest = Compiled("CallAnalytics");
        var text = ManifestJson.Write(manifest);

        Assert.IsTrue(manifest.Tenants.All(t => t.Tier is null && (t.Attributes is null || t.Attributes.Count == 0)), "the sample is expected to have no tiers or attributes");
        Assert.IsFalse(text.Contains("\"tier\"") || text.Contains("\"attributes\""), "keys written for nothing change every such bundle's bytes and content hash:\n" + text);
        Assert.IsNull(ManifestJson.Read(text).Attributes);
    }
}
