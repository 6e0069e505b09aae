using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// Copies of the samples built by these tests and the benchmarks resolve the SDK by the repository's global.json (the
/// samples themselves import it from source); it must name the version `dotnet pack` makes.
/// </summary>
[TestClass]
public sealed class VersionTests
{
    [TestMethod]
    public void GlobalJsonNamesTheSdkVersionDirectoryBuildPropsProduces()
    {
        var props = XDocument.Load(Path.Combine(SdkFixture.RepoRoot, "Directory.Build.props"));
        var version = props.Descendants("TenantModelsVersion").Single().Value.Trim();
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(SdkFixture.RepoRoot, "global.json")));

        var pinned = global.RootElement.GetProperty("msbuild-sdks").GetProperty("TenantModels.Sdk").GetString();

        Assert.IsFalse(string.IsNullOrEmpty(version), "Directory.Build.props has no TenantModelsVersion");
        Assert.AreEqual(version, pinned, "global.json's msbuild-sdks pins another TenantModels.Sdk version than the one packed");
        Assert.AreEqual($"TenantModels.Sdk.{version}.nupkg", Path.GetFileName(SdkFixture.SdkPackage), "the packed SDK has another version");
    }
}
