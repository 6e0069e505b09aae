using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>`dotnet publish` and `dotnet pack` of a model project give the one file CI publishes.</summary>
[TestClass]
public sealed class BundleArchiveTests
{
    [TestMethod]
    public void Publish_and_pack_write_a_reproducible_tmbundle_the_runner_can_read()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(Publish_and_pack_write_a_reproducible_tmbundle_the_runner_can_read));

        var publish = project.Dotnet("publish", "-o", "out");
        Assert.IsTrue(publish.Succeeded, publish.Output);
        var published = project.PathOf("out/CallAnalytics.1.0.0.tmbundle");
        Assert.IsTrue(File.Exists(published), publish.Output);

        var pack = project.Dotnet("pack", "-o", "packages");
        Assert.IsTrue(pack.Succeeded, pack.Output);
        var packed = project.PathOf("packages/CallAnalytics.1.0.0.tmbundle");
        CollectionAssert.AreEqual(File.ReadAllBytes(published), File.ReadAllBytes(packed), "the same bundle must give the same bytes");

        var bundle = BundleArchive.Read(packed, project.PathOf("extracted"));
        Assert.AreEqual("CallAnalytics", bundle.Manifest.Project);
        Assert.AreEqual("1.0.0", bundle.Manifest.BundleVersion);
    }
}
