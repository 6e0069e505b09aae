using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Generator.Tests.Support;

namespace TenantModels.Generator.Tests;

/// <summary>
/// TMxxxx diagnostics located in the YAML, reported only when <c>TenantModelsGeneratorDiagnostics</c> is true
/// (the SDK's design-time builds), so command-line builds report each problem once, from the build task.
/// </summary>
[TestClass]
public sealed class DiagnosticTests
{
    private static TestProject Broken(bool reportDiagnostics)
    {
        var sample = GoldenTests.Sample();
        var project = sample.With("models/call.yaml", sample.Files["models/call.yaml"].Replace("  user_id: text", "  user_id: txet"));
        project.ReportDiagnostics = reportDiagnostics;
        return project;
    }

    [TestMethod]
    public void ReportsTheCodeAtTheYamlPosition_WhenEnabled()
    {
        var project = Broken(reportDiagnostics: true);
        var diagnostic = Run(project).Single();

        Assert.AreEqual("TM1025", diagnostic.Id);
        Assert.AreEqual(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.AreEqual("Unknown type", diagnostic.Descriptor.Title.ToString());
        StringAssert.Contains(diagnostic.GetMessage(), "unknown column type 'txet'");
        Assert.AreEqual(LocationKind.ExternalFile, diagnostic.Location.Kind);

        var span = diagnostic.Location.GetLineSpan();
        Assert.AreEqual(project.PathOf("models/call.yaml"), span.Path);
        var lines = project.Files["models/call.yaml"].Split('\n');
        var line = System.Array.FindIndex(lines, l => l.Contains("user_id: txet", System.StringComparison.Ordinal));
        Assert.AreEqual(line, span.StartLinePosition.Line, "0-based line");
        Assert.AreEqual(lines[line].IndexOf("txet", System.StringComparison.Ordinal), span.StartLinePosition.Character, "0-based column");
        Assert.AreEqual("txet", project.Files["models/call.yaml"].Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.AreEqual($"{project.PathOf("models/call.yaml")}({line + 1},{span.StartLinePosition.Character + 1}): error TM1025: {diagnostic.GetMessage()}",
            $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error {diagnostic.Id}: {diagnostic.GetMessage()}");
    }

    [TestMethod]
    public void ReportsNothing_WhenNotEnabled() => Assert.AreEqual(0, Run(Broken(reportDiagnostics: false)).Length);

    [TestMethod]
    public void ReportsWhatTheBuildTaskReports_SameCodesMessagesAndPositions()
    {
        var sample = GoldenTests.Sample();
        var project = sample
            .With("tenants.yaml", sample.Files["tenants.yaml"] + "  - id: Bad-Id\n    name: Bad\n    sources: [outreach]\n")
            .With("models/call.yaml", sample.Files["models/call.yaml"].Replace("user_id: relationship_user_id", "user_id: relationship_usr_id"))
            .With("sources/salesloft.yaml", "source: salesloft\ntables: [oops\n");
        project.ReportDiagnostics = true;

        var reported = Run(project)
            .Select(d => (d.Id, d.GetMessage(), d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1))
            .ToList();
        var files = project.Files.Select(f => new DefinitionFile(project.PathOf(f.Key), f.Key, f.Value)).ToList();
        var expected = ModelProjectCompiler.Compile(new ProjectInput("App", "1.0.0", files)).Diagnostics
            .Select(d => (d.Code, d.Message, d.Location.Path, d.Location.Line, d.Location.Column))
            .ToList();

        Assert.IsTrue(expected.Count >= 3, string.Join("\n", expected));
        CollectionAssert.AreEquivalent(expected, reported);
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> Run(TestProject project)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));
        Assert.IsNull(result.Exception, result.Exception?.ToString());
        return result.Diagnostics;
    }
}
