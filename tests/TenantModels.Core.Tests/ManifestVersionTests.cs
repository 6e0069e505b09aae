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

    [TestMethod]
    public void A_bundle_for_citus_is_format_5_which_runners_that_read_up_to_format_4_refuse()
    {
        // Older runners read formats up to 4 and refuse newer ones (A_newer_bundle_format_is_refused_with_what_to_do).
        // A runner that does not know distribution: citus would apply the bundle as for one server: tenant schemas left
        // undistributed, or (shared isolation) Citus functions called on a server that may not have them.
        foreach (var citusCase in new[] { "citus_schema_per_tenant_limits", "citus_shared_isolation" })
        {
            var manifest = CaseCompiler.Compile(System.IO.Path.Combine(CompilerCaseTests.CasesDirectory, citusCase)).Bundle!.Manifest;
            Assert.AreEqual(5, manifest.FormatVersion, citusCase);
            Assert.AreEqual(5, ManifestJson.Read(ManifestJson.Write(manifest)).FormatVersion, "this runner reads it");
        }

        Assert.AreEqual(2, CaseCompiler.Compile(System.IO.Path.Combine(CompilerCaseTests.CasesDirectory, "security_shared_rls")).Bundle!.Manifest.FormatVersion,
            "a bundle for one server keeps its format");
    }
}
