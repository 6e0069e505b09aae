using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>Every sample builds with the packed SDK; seed CSVs are build inputs like the YAML.</summary>
[TestClass]
public sealed class SampleBuildTests
{
    [TestMethod]
    [DataRow("SalesEtl", "materialized_view")]
    [DataRow("ShopTenants", "seed")]
    public void Sample_builds_into_a_bundle(string sample, string expectedKind)
    {
        var project = SdkFixture.CopySample(sample, "sample-" + sample);

        var build = project.Build();

        Assert.IsTrue(build.Succeeded, build.ToString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.ManifestPath));
        var kinds = manifest.RootElement.GetProperty("artefacts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        CollectionAssert.Contains(kinds, expectedKind);

        // Editors find the JSON Schemas at a stable path in the project (docs/editors.md).
        foreach (var schema in new[] { "tenantmodels", "tenants", "source", "model" })
        {
            Assert.IsTrue(File.Exists(project.PathOf($"obj/tenantmodels/schemas/{schema}.schema.json")), schema);
            // ... and the project's own, which the build writes with the names it defines.
            StringAssert.Contains(File.ReadAllText(project.PathOf($"obj/tenantmodels/schemas/project/{schema}.schema.json")), $"\"$ref\": \"../{schema}.schema.json\"", schema);
        }

        Assert.IsTrue(File.Exists(project.PathOf("obj/tenantmodels/schemas/project/written-by-build.stamp")), "the build wrote no project schemas");
    }

    [TestMethod]
    public void Editing_a_seed_reruns_the_compiler_and_a_bad_value_is_located_in_the_csv()
    {
        var project = SdkFixture.CopySample("ShopTenants", nameof(Editing_a_seed_reruns_the_compiler_and_a_bad_value_is_located_in_the_csv));
        Assert.IsTrue(project.Build().Succeeded);

        project.Write("seeds/products.csv", project.Read("seeds/products.csv").Replace("12.50", "twelve"));
        var build = project.Build();

        Assert.IsFalse(build.Succeeded);
        StringAssert.Contains(build.ConsoleOutput, "seeds/products.csv(4,");
        StringAssert.Contains(build.ConsoleOutput, "error TM1052: 'twelve' in seed column 'unit_price' is not a valid numeric(10,2) value");
        Assert.IsFalse(Directory.Exists(project.BundleDirectory), "a failed build left a bundle");
    }
}
