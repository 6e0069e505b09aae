using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Diagnostics;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class DiagnosticDocumentationTests
{
    [TestMethod]
    public void Docs_list_every_code_with_its_title()
    {
        var doc = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md"));
        var descriptors = new[] { typeof(DefinitionDiagnostics), typeof(CompileDiagnostics), typeof(RunnerDiagnostics) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
        foreach (var d in descriptors)
        {
            StringAssert.Contains(doc, $"| {d.Code} | {d.Title} |", $"docs/diagnostics.md lacks {d.Code}");
        }
    }

    /// <summary>
    /// The SDK's own codes (TM0xxx) are not descriptors: they are literals in Sdk.targets and the build task. Each must
    /// name one problem (be raised in one place) and be documented.
    /// </summary>
    [TestMethod]
    public void Every_build_code_is_raised_in_one_place_and_documented()
    {
        var doc = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md"));
        var sources = Directory.EnumerateFiles(RepoPaths.Combine("src", "TenantModels.Build"), "*.cs")
            .Append(RepoPaths.Combine("sdk", "TenantModels.Sdk", "Sdk", "Sdk.targets"))
            .ToList();

        // Where a code is raised: an Error task's Code attribute, or the code argument of Log.LogError.
        var raised = sources
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), "(?:Code=\"|LogError\\(null, \")(TM0\\d{3})\"")
                .Select(m => (Code: m.Groups[1].Value, File: Path.GetFileName(file))))
            .ToList();

        Assert.IsTrue(raised.Count >= 5, "the scan found too few codes to be reading the right files: " + string.Join(", ", raised));
        foreach (var group in raised.GroupBy(r => r.Code))
        {
            Assert.AreEqual(1, group.Count(), $"{group.Key} is raised in more than one place: {string.Join(", ", group.Select(g => g.File))}");
            StringAssert.Matches(doc, new Regex(@"\| " + group.Key + @" \| [^|]+ \| [^|]+ \|"), $"docs/diagnostics.md lacks {group.Key}");
        }
    }
}
