using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary><c>TenantModelsDocs=true</c>: the build also writes the documentation site beside the bundle; off by default.</summary>
[TestClass]
public sealed class DocsSiteBuildTests
{
    [TestMethod]
    public void The_switch_writes_the_site_beside_the_bundle_and_clean_removes_it()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(The_switch_writes_the_site_beside_the_bundle_and_clean_removes_it));
        var docs = Path.Combine(project.OutputDirectory, "docs");

        var plain = project.Build();
        Assert.IsTrue(plain.Succeeded, plain.ToString());
        Assert.IsFalse(Directory.Exists(docs), "off by default");

        var build = project.Dotnet("build", "-p:TenantModelsDocs=true");
        Assert.IsTrue(build.Succeeded, build.Output);
        StringAssert.Contains(build.Output, "CallAnalytics docs -> " + Path.Combine(docs, "index.html"));
        Assert.IsTrue(File.Exists(Path.Combine(docs, "index.html")), build.Output);
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(docs, "data", "models", "call.js")), "TM.loaded(\"model:call\", ");

        var again = project.Dotnet("build", "-p:TenantModelsDocs=true");
        Assert.IsTrue(again.Succeeded, again.Output);
        Assert.IsFalse(again.Output.Contains("docs ->", System.StringComparison.Ordinal), "nothing changed, nothing rewritten: " + again.Output);

        var clean = project.Dotnet("clean", "-p:TenantModelsDocs=true");
        Assert.IsTrue(clean.Succeeded, clean.Output);
        Assert.IsFalse(Directory.Exists(docs), clean.Output);
    }
}
