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

    /// <summary>
    /// A tenant's mapping overrides name models, which the tenants analysis does not read: a valid override reports
    /// nothing there (no unknown model), and the build task checks overrides with the models.
    /// </summary>
    [TestMethod]
    public void AValidMappingOverride_ReportsNothing_LikeTheBuildTask()
    {
        var sample = GoldenTests.Sample();
        var project = sample.With("tenants.yaml", sample.Files["tenants.yaml"].Replace(
            "    name: Acme\n    sources: [outreach]\n",
            "    name: Acme\n    sources: [outreach]\n    overrides:\n      outreach:\n        tables: { call: { columns: { user_ref: text } } }\n"
            + "        mappings: { call: { columns: { user_id: user_ref } } }\n"));
        Assert.AreNotEqual(sample.Files["tenants.yaml"], project.Files["tenants.yaml"]);
        project.ReportDiagnostics = true;

        var files = project.Files.Select(f => new DefinitionFile(project.PathOf(f.Key), f.Key, f.Value)).ToList();
        var build = ModelProjectCompiler.Compile(new ProjectInput("App", "1.0.0", files));
        Assert.IsTrue(build.Succeeded && build.Diagnostics.Count == 0, string.Join("\n", build.Diagnostics));
        Assert.IsNotNull(build.Bundle!.Manifest.Artefacts.Single(a => a.Id == "staging_view.outreach.call").TenantVariants);
        var reported = Run(project);
        Assert.AreEqual(0, reported.Length, string.Join("\n", reported.Select(d => d.ToString())));
    }

    /// <summary>
    /// One driver kept across edits of every kind of file, as in the IDE: after each edit the diagnostics are still
    /// exactly the build task's, though only the edited file was parsed again and the cross-tenant checks re-ran only
    /// when what they read changed.
    /// </summary>
    [TestMethod]
    public void AfterEachEdit_ReportsWhatTheBuildTaskReports()
    {
        var project = GoldenTests.Sample();
        project.ReportDiagnostics = true;
        var files = new System.Collections.Generic.Dictionary<string, string>(project.Files);
        var texts = project.AdditionalTexts().ToDictionary(t => t.Path);
        var driver = GeneratorHarness.Driver(project);
        var compilation = GeneratorHarness.Compilation(referenceNpgsql: false);
        var tooLong = "org_" + new string('x', 56);
        var settings = files["tenantmodels.yaml"];
        var model = files["models/call.yaml"];
        var tenants = files["tenants.yaml"];
        var edits = new (string File, string Text, string Expected)[]
        {
            ("tenantmodels.yaml", settings + "canonical_view_tenant_limit: 1\n", "TM2020"),
            ("models/call.yaml", model.Replace("  user_id: text", "  user_id: txet"), "TM1025"),
            ("models/call.yaml", model, "TM2020"),
            ("models/call.yaml", "# moved down a line\n" + model, "TM2020"),
            ("tenants.yaml", tenants + "  - id: " + tooLong + "\n    sources: [outreach]\n", "TM2001"),
            ("tenants.yaml", tenants + "  - id: hooli\n    sources: [hubspot]\n", "TM1020"),
            ("tenantmodels.yaml", settings + "canonical_view_tenant_limit: 10\n", "TM1020"),
            ("sources/salesloft.yaml", "source: salesloft\ntables: [oops\n", "TM1001"),
            ("tenants.yaml", tenants, "TM1001"),
        };

        foreach (var (file, text, expectedCode) in edits)
        {
            var path = project.PathOf(file);
            var edited = new InMemoryAdditionalText(path, text);
            driver = driver.ReplaceAdditionalText(texts[path], edited);
            texts[path] = edited;
            files[file] = text;

            driver = driver.RunGenerators(compilation);
            var result = driver.GetRunResult().Results.Single();
            Assert.IsNull(result.Exception, result.Exception?.ToString());
            var reported = result.Diagnostics
                .Select(d => (d.Id, d.GetMessage(), d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1))
                .ToList();
            var definitions = files.Select(f => new DefinitionFile(project.PathOf(f.Key), f.Key, f.Value)).ToList();
            var expected = ModelProjectCompiler.Compile(new ProjectInput("App", "1.0.0", definitions)).Diagnostics
                .Select(d => (d.Code, d.Message, d.Location.Path, d.Location.Line, d.Location.Column))
                .ToList();

            Assert.IsTrue(expected.Any(d => d.Code == expectedCode), $"after editing {file}: the edit should cause {expectedCode}\n" + string.Join("\n", expected));
            CollectionAssert.AreEquivalent(expected, reported, $"after editing {file}:\nexpected\n{string.Join("\n", expected)}\nreported\n{string.Join("\n", reported)}");
        }
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> Run(TestProject project)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));
        Assert.IsNull(result.Exception, result.Exception?.ToString());
        return result.Diagnostics;
    }
}
