using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;

namespace TenantModels.Runner.Tests.Cli;

/// <summary>Bundles changed after the build are refused with TM3003 and exit 3 by every command, before any connection.</summary>
[TestClass]
public sealed class BundleIntegrityCliTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody";

    private static string Archive(string name)
    {
        var path = Path.Combine(CliRun.TempDirectory(), name);
        BundleArchive.Write(HandBuiltBundles.CallAnalytics(), path);
        return path;
    }

    [TestMethod]
    [DataRow("plan")]
    [DataRow("apply")]
    [DataRow("status")]
    [DataRow("verify")]
    public void ADuplicateArchiveEntryIsRefusedNamingIt(string command)
    {
        var original = Archive("CallAnalytics.1.0.0.tmbundle");
        var duplicated = Path.Combine(Path.GetDirectoryName(original)!, "Duplicated.1.0.0.tmbundle");
        using (var source = ZipFile.OpenRead(original))
        using (var target = ZipFile.Open(duplicated, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries.Concat(source.Entries.Where(e => e.FullName == BundleManifest.DeployScriptFileName)))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
        }

        var result = CliRun.Run(null, command, duplicated, "--connection", Unreachable);

        Assert.AreEqual(ExitCodes.InvalidBundle, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3003: refusing bundle");
        StringAssert.Contains(result.Error, "archive entry 'deploy.sql' appears more than once");
    }

    [TestMethod]
    public void AChangedDeployScriptInABundleFolderIsRefused()
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        File.AppendAllText(Path.Combine(bundle, BundleManifest.DeployScriptFileName), "DROP SCHEMA canonical CASCADE;\n");

        var result = CliRun.Run(null, "apply", bundle, "--connection", Unreachable);

        Assert.AreEqual(ExitCodes.InvalidBundle, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3003:");
        StringAssert.Contains(result.Error, "bundle file 'deploy.sql' does not match its checksum");
    }
}
