using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class ManifestVersionTests
{
    private static string SampleManifest() => ManifestJson.Write(ModelProjectCompiler.Compile(
        ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0")).Bundle!.Manifest);

    [TestMethod]
    public void Manifest_records_the_toolchain_and_definitions_schema_versions()
    {
        var manifest = ManifestJson.Read(SampleManifest());
        Assert.AreEqual(BundleManifest.CurrentToolchainVersion, manifest.ToolchainVersion);
        StringAssert.Matches(manifest.ToolchainVersion, new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+$"));
        Assert.AreEqual(BundleManifest.CurrentDefinitionsSchemaVersion, manifest.DefinitionsSchemaVersion);
    }

    [TestMethod]
    public void A_newer_bundle_format_is_refused_with_what_to_do()
    {
        var newerFormat = BundleManifest.NewestReadableFormatVersion + 1;
        var newer = SampleManifest().Replace($"\"formatVersion\": {BundleManifest.CurrentFormatVersion},", $"\"formatVersion\": {newerFormat},").Replace($"\"toolchainVersion\": \"{BundleManifest.CurrentToolchainVersion}\"", "\"toolchainVersion\": \"9.0.0\"");
        var e = Assert.ThrowsExactly<FormatException>(() => ManifestJson.Read(newer));
        StringAssert.Contains(e.Message, $"bundle format {newerFormat} (written by TenantModels 9.0.0) is not supported");
        StringAssert.Contains(e.Message, "install a newer runner");
    }
}
