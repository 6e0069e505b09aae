using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>What a plain <c>dotnet build</c> of a model project leaves in the output folder.</summary>
[TestClass]
public sealed class BundleOutputTests
{
    [TestMethod]
    public void BuildingTheSampleWritesACompleteBundleWhoseChecksumsMatch()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(BuildingTheSampleWritesACompleteBundleWhoseChecksumsMatch));

        var build = project.Build();

        Assert.IsTrue(build.Succeeded, build.ToString());
        Assert.IsTrue(File.Exists(project.ManifestPath), "no bin/Debug/net10.0/bundle/manifest.json");
        var deploy = File.ReadAllText(Path.Combine(project.BundleDirectory, "deploy.sql"));
        // deploy.sql is fully expanded: every tenant of tenants.yaml appears in it.
        foreach (var tenant in new[] { "org_javi_2_e0eynhkr", "org_pablo_s_workspace_r0trlpgs", "org_acme_k3x9" })
        {
            StringAssert.Contains(deploy, tenant);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(project.ManifestPath));
        Assert.AreEqual("CallAnalytics", manifest.RootElement.GetProperty("project").GetString());
        Assert.AreEqual("1.0.0", manifest.RootElement.GetProperty("bundleVersion").GetString());
        var artefacts = manifest.RootElement.GetProperty("artefacts").EnumerateArray().ToList();
        Assert.IsTrue(artefacts.Count > 0, "the sample's model compiles to no artefact");
        foreach (var artefact in artefacts)
        {
            var path = Path.Combine(project.BundleDirectory, artefact.GetProperty("path").GetString()!);
            Assert.IsTrue(File.Exists(path), $"manifest lists {path}, which was not written");
            // Recomputed here rather than with TenantModels.Core so a shared bug cannot hide a mismatch.
            var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            Assert.AreEqual(artefact.GetProperty("checksum").GetString(), actual, $"checksum of {path}");
        }

        // The runner's reader accepts what the build wrote (content hash included).
        var bundle = Core.Bundling.BundleDirectory.Read(project.BundleDirectory);
        Assert.AreEqual(artefacts.Count, bundle.Manifest.Artefacts.Count);
        Assert.AreEqual(0, project.LeftoverStagingFolders().Count, "a staging folder survived the build");
    }
}
