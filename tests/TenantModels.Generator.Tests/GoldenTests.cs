using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Generator.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Generator.Tests;

/// <summary>
/// The generated sources of representative projects, compared with <c>Cases/&lt;case&gt;/expected/*.verified.cs</c>
/// (TENANTMODELS_ACCEPT=1 rewrites them).
/// </summary>
[TestClass]
public sealed class GoldenTests
{
    public static string CasePath(params string[] parts) => RepoPaths.Combine(new[] { "tests", "TenantModels.Generator.Tests", "Cases" }.Concat(parts).ToArray());

    internal static TestProject Sample() => TestProject.FromFolder(RepoPaths.Combine("samples", "CallAnalytics"));

    internal static TestProject AllTypes()
    {
        var project = TestProject.FromFolder(CasePath("all_types"));
        project.RootNamespace = "AllTypes.Models";
        return project;
    }

    [TestMethod]
    public void CallAnalyticsSample_WithNpgsql() => Verify(Sample(), referenceNpgsql: true, CasePath("call_analytics_sample", "expected"));

    [TestMethod]
    public void CallAnalyticsSample_WithoutNpgsql_HasNoReaders() => Verify(Sample(), referenceNpgsql: false, CasePath("call_analytics_sample", "expected", "without_npgsql"));

    [TestMethod]
    public void EveryTypeAndNullability() => Verify(AllTypes(), referenceNpgsql: true, CasePath("all_types", "expected"));

    private static void Verify(TestProject project, bool referenceNpgsql, string expectedFolder)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql));
        Assert.IsNull(result.Exception, result.Exception?.ToString());
        var sources = GeneratorHarness.Sources(result);
        Assert.IsTrue(sources.Count > 0, "nothing was generated");
        foreach (var (hintName, text) in sources)
        {
            GoldenFile.Verify(text, Path.Combine(expectedFolder, hintName.Replace(".g.cs", ".verified.cs")));
        }

        var expected = Directory.Exists(expectedFolder)
            ? Directory.EnumerateFiles(expectedFolder, "*.verified.cs").Select(Path.GetFileName).Order().ToList()
            : new();
        CollectionAssert.AreEqual(expected, sources.Keys.Select(k => k.Replace(".g.cs", ".verified.cs")).Order().ToList(),
            "a verified file has no generated source any more; delete it");
    }
}
