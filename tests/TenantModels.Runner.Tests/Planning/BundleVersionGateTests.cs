using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Tests.Planning;

[TestClass]
public sealed class BundleVersionGateTests
{
    private static BundleManifest Manifest(string project, string version, string hash = "h2") =>
        new(BundleManifest.CurrentFormatVersion, project, version, hash, Array.Empty<BundleSource>(), Array.Empty<BundleTenant>(), Array.Empty<BundleArtefact>());

    [TestMethod]
    public void AnotherProjectIsRefusedWhateverItsVersion()
    {
        var refusal = BundleVersionGate.Refusal("RelProj", "2.0.0", "h1", Manifest("OtherProj", "3.0.0"), allowSameVersion: true, replaceProject: null);

        Assert.IsNotNull(refusal);
        Assert.AreEqual("TM3017", refusal.Code);
        StringAssert.Contains(refusal.Message, "refusing bundle of project 'OtherProj': this database holds project 'RelProj' 2.0.0");
        StringAssert.Contains(refusal.Message, "pass --replace-project RelProj");
    }

    [TestMethod]
    public void ReplaceProjectMustNameTheDeployedProjectAndThenVersionsAreNotCompared()
    {
        Assert.IsNull(BundleVersionGate.Refusal("RelProj", "2.0.0", "h1", Manifest("OtherProj", "1.0.0"), allowSameVersion: false, replaceProject: "RelProj"));
        Assert.AreEqual("TM3017", BundleVersionGate.Refusal("RelProj", "2.0.0", "h1", Manifest("OtherProj", "3.0.0"), allowSameVersion: false, replaceProject: "relproj")?.Code,
            "project names compare exactly");
    }

    [TestMethod]
    public void TheSameProjectGoesThroughTheVersionRules()
    {
        Assert.AreEqual("TM3006", BundleVersionGate.Refusal("RelProj", "2.0.0", "h1", Manifest("RelProj", "1.9.0"), allowSameVersion: false, replaceProject: null)?.Code);
        Assert.AreEqual("TM3006", BundleVersionGate.Refusal("RelProj", "2.0.0", "h1", Manifest("RelProj", "2.0.0"), allowSameVersion: false, replaceProject: "RelProj")?.Code,
            "--replace-project naming the bundle's own project changes nothing");
        Assert.IsNull(BundleVersionGate.Refusal("RelProj", "2.0.0", "h1", Manifest("RelProj", "2.1.0"), allowSameVersion: false, replaceProject: null));
    }
}
