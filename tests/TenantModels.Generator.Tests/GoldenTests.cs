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

    internal static TestProject Sample() => Sample("CallAnalytics");

    /// <summary>A sample of the repository, with its name as root namespace.</summary>
    internal static TestProject Sample(string name)
    {
        var project = TestProject.FromFolder(RepoPaths.Combine("samples", name));
        project.RootNamespace = name;
        return project;
    }

    internal static TestProject Case(string name)
    {
        var project = TestProject.FromFolder(CasePath(name));
        project.RootNamespace = "Cases." + name;
        return project;
    }

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

    /// <summary>Tables, materialized views, SQL models, shared models, tenant schemas and typed attributes.</summary>
    [TestMethod]
    [DataRow("SalesEtl")]
    [DataRow("SchemaPerTenantCrm")]
    [DataRow("ShopTenants")]
    public void OtherSamples(string sample) => Verify(Sample(sample), referenceNpgsql: true, CasePath("samples", sample, "expected"));

    [TestMethod]
    public void SharedModels() => Verify(Case("shared_rls"), referenceNpgsql: true, CasePath("shared_rls", "expected"));

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
