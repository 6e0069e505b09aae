using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// Golden cases: each folder under Cases/ is a model project. A case that compiles is checked against
/// <c>expected/deploy.verified.sql</c> and <c>expected/manifest.verified.json</c>; one that fails against
/// <c>expected/diagnostics.verified.txt</c>. New behaviour gets a new folder.
/// </summary>
[TestClass]
public sealed class CompilerCaseTests
{
    public static string CasesDirectory => RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Cases");

    public static IEnumerable<object[]> Cases() =>
        Directory.GetDirectories(CasesDirectory).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal).Select(n => new object[] { n! });

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Case(string name)
    {
        var directory = Path.Combine(CasesDirectory, name);
        var result = CaseCompiler.Compile(directory);
        var expected = Path.Combine(directory, "expected");
        if (result.Succeeded)
        {
            GoldenFile.Verify(result.Bundle!.DeployScript, Path.Combine(expected, "deploy.verified.sql"));
            GoldenFile.Verify(ManifestJson.Write(result.Bundle.Manifest), Path.Combine(expected, "manifest.verified.json"));
            if (result.Bundle.Manifest.DataTests is { } tests)
            {
                // The data tests' queries are in no other golden file: each under its name.
                GoldenFile.Verify(string.Concat(tests.Select(t => "-- " + t.Name + "\n" + result.Bundle.ArtefactFiles[t.Path] + "\n")), Path.Combine(expected, "tests.verified.sql"));
            }
            else
            {
                Assert.IsFalse(File.Exists(Path.Combine(expected, "tests.verified.sql")), "case has no data tests but expects some");
            }

            if (result.Diagnostics.Count > 0)
            {
                // A case that compiles with warnings keeps them in its golden diagnostics too.
                Assert.IsTrue(result.Diagnostics.All(d => !d.IsError));
                GoldenFile.Verify(CaseCompiler.Format(result.Diagnostics), Path.Combine(expected, "diagnostics.verified.txt"));
            }
            else
            {
                Assert.IsFalse(File.Exists(Path.Combine(expected, "diagnostics.verified.txt")), "case compiled but expects diagnostics");
            }
        }
        else
        {
            GoldenFile.Verify(CaseCompiler.Format(result.Diagnostics), Path.Combine(expected, "diagnostics.verified.txt"));
            Assert.IsFalse(File.Exists(Path.Combine(expected, "deploy.verified.sql")), "case failed but expects a bundle");
        }
    }

    [TestMethod]
    public void Every_case_folder_has_input()
    {
        foreach (var name in Cases().Select(c => (string)c[0]))
        {
            Assert.IsTrue(ProjectInput.FromDirectory(Path.Combine(CasesDirectory, name), name, "1.0.0").Files.Count > 0, name);
        }
    }
}
