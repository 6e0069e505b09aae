using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class DiagnosticCoverageTests
{
    private static DiagnosticDescriptor[] CompilerDescriptors() =>
        new[] { typeof(DefinitionDiagnostics), typeof(CompileDiagnostics) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

    [TestMethod]
    public void Every_definition_and_compile_diagnostic_has_a_golden_case_that_produces_it()
    {
        var produced = Directory.GetFiles(CompilerCaseTests.CasesDirectory, "diagnostics.verified.txt", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines)
            .ToList();
        var missing = CompilerDescriptors().Where(d => !produced.Any(line => line.Contains($" {d.Code}: "))).Select(d => d.Code).ToList();
        Assert.AreEqual(0, missing.Count, "no golden case produces: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void Codes_are_unique_and_in_their_stage_range()
    {
        var all = CompilerDescriptors();
        Assert.AreEqual(all.Length, all.Select(d => d.Code).Distinct().Count());
        foreach (var d in all)
        {
            StringAssert.Matches(d.Code, new System.Text.RegularExpressions.Regex("^TM[12][0-9]{3}$"));
        }
    }

    [TestMethod]
    public void Diagnostic_prints_in_the_canonical_msbuild_form()
    {
        var d = DefinitionDiagnostics.UnknownSource.At(new SourceLocation("models/call.yaml", 12, 7), "x", string.Empty);
        Assert.AreEqual("models/call.yaml(12,7): error TM1020: unknown source 'x'", d.ToString());
    }
}
