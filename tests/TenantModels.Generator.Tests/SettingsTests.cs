using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Generator.Tests.Support;

namespace TenantModels.Generator.Tests;

/// <summary>How MSBuild properties and other AdditionalFiles steer the generator.</summary>
[TestClass]
public sealed class SettingsTests
{
    [TestMethod]
    public void WithoutRootNamespace_UsesTheAssemblyName()
    {
        var project = GoldenTests.Sample();
        project.RootNamespace = string.Empty;
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(false, "My-App.Data"));
        StringAssert.Contains(GeneratorHarness.Sources(result)["TenantModels.Tenants.g.cs"], "namespace My_App.Data\n");
    }

    [TestMethod]
    public void OtherAdditionalFiles_AndFilesOutsideTheProject_AreIgnored()
    {
        var project = new TestProject("/fixtures/App", new Dictionary<string, string>
        {
            ["appsettings.json"] = "{}",
            ["notes/readme.yaml"] = "not: a definition",
        });
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(false));
        Assert.AreEqual(0, result.GeneratedSources.Length);
        Assert.AreEqual(0, result.Diagnostics.Length);
    }

    [TestMethod]
    public void ProjectDir_IsEnoughToFindTheDefinitions()
    {
        var project = GoldenTests.Sample();
        var options = project.Options().Where(o => o.Key != Model.GeneratorSettings.ProjectDirectoryProperty).ToDictionary(o => o.Key, o => o.Value);
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new TenantModelsGenerator().AsSourceGenerator() }, project.AdditionalTexts(), GeneratorHarness.ParseOptions, new TestOptionsProvider(options));
        var (_, result, _) = GeneratorHarness.Run(driver, GeneratorHarness.Compilation(false));
        Assert.IsTrue(result.GeneratedSources.Any(s => s.HintName == "TenantModels.Models.Call.g.cs"));
    }
}
