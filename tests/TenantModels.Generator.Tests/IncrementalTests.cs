using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Generator.Analysis;
using TenantModels.Generator.Model;
using TenantModels.Generator.Tests.Support;

namespace TenantModels.Generator.Tests;

/// <summary>
/// The pipeline re-does only what an edit affects: nothing for an unchanged run or a C# edit; for a model edit, that
/// file's parse and the models' analysis (never the tenants'); for a tenants edit, that file's parse and the tenants'
/// analysis (never the models'). Asserted on the tracked steps' run reasons.
/// </summary>
[TestClass]
public sealed class IncrementalTests
{
    [TestMethod]
    public void SecondRun_WithNothingChanged_IsFullyCached()
    {
        var (driver, first, _) = Run(GoldenTests.AllTypes(), out var compilation);
        Assert.AreEqual(3, StepReasons.Of(first, TrackingNames.ModelOutput).Count);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        foreach (var step in StepReasons.AllSteps)
        {
            var outputs = StepReasons.Of(second, step);
            Assert.IsTrue(outputs.Count > 0, $"step {step} was not tracked\n{StepReasons.Describe(second)}");
            Assert.IsTrue(outputs.All(o => StepReasons.IsReused(o.Reason)), $"step {step} re-ran\n{StepReasons.Describe(second)}");
        }
    }

    [TestMethod]
    public void EditingCSharpCode_RegeneratesNothing()
    {
        var (driver, _, _) = Run(GoldenTests.AllTypes(), out var compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; internal static class Typed { }", GeneratorHarness.ParseOptions));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (var step in StepReasons.AllSteps.Except(new[] { TrackingNames.CompilationFacts }))
        {
            Assert.IsTrue(StepReasons.Of(second, step).All(o => StepReasons.IsReused(o.Reason)), $"step {step} re-ran\n{StepReasons.Describe(second)}");
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "command-line build")]
    [DataRow(true, DisplayName = "design-time build (diagnostics on)")]
    public void EditingOneModel_ReparsesThatFile_LeavesTenantsAlone_AndRegeneratesOnlyThatModel(bool reportDiagnostics)
    {
        var project = GoldenTests.AllTypes();
        project.ReportDiagnostics = reportDiagnostics;
        var (driver, _, _) = Run(project, out var compilation);
        driver = Replace(driver, project, "models/account.yaml", project.Files["models/account.yaml"].Replace("name: text", "name: varchar(200)"));

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertOnlyParsed(second, "models/account.yaml");
        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.ModelsAnalysis).Single().Reason, StepReasons.Describe(second));
        AssertCached(second, TrackingNames.TenantsAnalysis, TrackingNames.CrossTenantChecks);
        var models = StepReasons.Of(second, TrackingNames.ModelOutput);
        var modified = models.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ModelName(o.Value)).ToList();
        CollectionAssert.AreEqual(new[] { "account" }, modified, StepReasons.Describe(second));
        Assert.IsTrue(models.Where(o => ModelName(o.Value) != "account").All(o => StepReasons.IsReused(o.Reason)), StepReasons.Describe(second));
        AssertReused(second, TrackingNames.TenantsOutput, TrackingNames.SupportOutput, TrackingNames.Tenants, TrackingNames.Support);

        var text = second.GeneratedSources.Single(s => s.HintName == "TenantModels.Models.Account.g.cs").SourceText.ToString();
        StringAssert.Contains(text, "string? Name");
        StringAssert.Contains(text, "<c>varchar(200)</c>");
    }

    [TestMethod]
    public void EditingACommentInAModel_ReparsesThatFile_AndRegeneratesNothing()
    {
        var project = GoldenTests.AllTypes();
        var (driver, _, _) = Run(project, out var compilation);
        driver = Replace(driver, project, "models/note.yaml", project.Files["models/note.yaml"] + "# a comment typed in the editor\n");

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertOnlyParsed(second, "models/note.yaml");
        AssertCached(second, TrackingNames.TenantsAnalysis, TrackingNames.CrossTenantChecks);
        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.ModelsAnalysis).Single().Reason, StepReasons.Describe(second));
        AssertReused(second, TrackingNames.Support, TrackingNames.Models, TrackingNames.CrossTenantKey);
        AssertReused(second, StepReasons.OutputSteps);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "command-line build")]
    [DataRow(true, DisplayName = "design-time build (diagnostics on)")]
    public void EditingTenants_ReparsesOnlyTenants_LeavesModelsAlone(bool reportDiagnostics)
    {
        var project = GoldenTests.AllTypes();
        project.ReportDiagnostics = reportDiagnostics;
        var (driver, _, _) = Run(project, out var compilation);
        driver = Replace(driver, project, "tenants.yaml", project.Files["tenants.yaml"] + "  - id: umbrella\n    name: Umbrella\n    sources: [crm]\n");

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertOnlyParsed(second, "tenants.yaml");
        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.TenantsAnalysis).Single().Reason, StepReasons.Describe(second));
        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.TenantsOutput).Single().Reason, StepReasons.Describe(second));
        AssertCached(second, TrackingNames.ModelsAnalysis, TrackingNames.Models);
        AssertReused(second, TrackingNames.ModelOutput, TrackingNames.SupportOutput);
        StringAssert.Contains(second.GeneratedSources.Single(s => s.HintName == "TenantModels.Tenants.g.cs").SourceText.ToString(), "umbrella|Umbrella|1|crm|");
    }

    [TestMethod]
    public void EditingASource_ReanalysesTenantsAndModels()
    {
        var project = GoldenTests.AllTypes();
        var (driver, _, _) = Run(project, out var compilation);
        driver = Replace(driver, project, "sources/crm.yaml", project.Files["sources/crm.yaml"] + "\n");

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertOnlyParsed(second, "sources/crm.yaml");
        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.TenantsAnalysis).Single().Reason, StepReasons.Describe(second));
        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.ModelsAnalysis).Single().Reason, StepReasons.Describe(second));
        AssertReused(second, TrackingNames.Support, TrackingNames.Tenants, TrackingNames.Models);
        AssertReused(second, StepReasons.OutputSteps);
    }

    /// <remarks>
    /// Models are one SelectMany whose items Roslyn compares by position, so a model added before others in name
    /// order re-emits those after it (same text, so nothing downstream of the compiler changes); tenants and the
    /// support file are untouched.
    /// </remarks>
    [TestMethod]
    public void AddingAModel_AddsItsOutput_AndLeavesTenantsAlone()
    {
        var project = GoldenTests.AllTypes();
        var (driver, _, _) = Run(project, out var compilation);
        var text = project.Files["models/account.yaml"].Replace("model: account", "model: account_copy");
        driver = driver.AddAdditionalTexts(System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText(project.PathOf("models/account_copy.yaml"), text)));

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        var models = StepReasons.Of(second, TrackingNames.ModelOutput);
        CollectionAssert.AreEqual(new[] { "account", "account_copy", "everything", "note" }, models.Select(o => ModelName(o.Value)).ToList(), StepReasons.Describe(second));
        Assert.IsTrue(StepReasons.IsReused(models.Single(o => ModelName(o.Value) == "account").Reason), StepReasons.Describe(second));
        AssertReused(second, TrackingNames.TenantsOutput, TrackingNames.SupportOutput);
    }

    private static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(TestProject project, out Compilation compilation)
    {
        compilation = GeneratorHarness.Compilation(referenceNpgsql: true);
        return GeneratorHarness.Run(GeneratorHarness.Driver(project), compilation);
    }

    private static GeneratorDriver Replace(GeneratorDriver driver, TestProject project, string relativePath, string text)
    {
        var path = project.PathOf(relativePath);
        var old = project.AdditionalTexts().Single(t => t.Path == path);
        return driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(path, text));
    }

    private static string ModelName(object value) => (((ModelSpec, EmitOptions))value).Item1.Name;

    /// <summary>The edited file was parsed again; every other file's parse was reused without running.</summary>
    private static void AssertOnlyParsed(GeneratorRunResult result, string relativePath)
    {
        var parsed = StepReasons.Of(result, TrackingNames.ParsedFiles);
        var reparsed = parsed.Where(o => o.Reason is not IncrementalStepRunReason.Cached).Select(o => ((ParsedDefinition)o.Value).Text.RelativePath).ToList();
        CollectionAssert.AreEqual(new[] { relativePath }, reparsed, StepReasons.Describe(result));
        Assert.IsTrue(parsed.Count > 1, StepReasons.Describe(result));
    }

    /// <summary>The steps did not run at all (their inputs were unchanged).</summary>
    private static void AssertCached(GeneratorRunResult result, params string[] steps)
    {
        foreach (var step in steps)
        {
            var outputs = StepReasons.Of(result, step);
            Assert.IsTrue(outputs.Count > 0 && outputs.All(o => o.Reason == IncrementalStepRunReason.Cached), $"step {step} ran\n{StepReasons.Describe(result)}");
        }
    }

    private static void AssertReused(GeneratorRunResult result, params string[] steps)
    {
        foreach (var step in steps)
        {
            var outputs = StepReasons.Of(result, step);
            Assert.IsTrue(outputs.Count > 0 && outputs.All(o => StepReasons.IsReused(o.Reason)), $"step {step} re-ran\n{StepReasons.Describe(result)}");
        }
    }
}
