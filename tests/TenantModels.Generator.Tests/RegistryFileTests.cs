using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Pipeline;
using TenantModels.Generator.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Generator.Tests;

/// <summary>
/// With the SDK's registry file (<c>TenantModelsRegistryFile</c>), the generated <c>Tenants</c> reads its tenants at run
/// time from the file the build writes beside the assembly: the code holds no tenant, so editing one changes nothing the
/// C# compiler sees, and the generator gets the same code from the attributes file (command-line builds) as from
/// tenants.yaml (design-time builds).
/// </summary>
[TestClass]
public sealed class RegistryFileTests
{
    private const string FileName = "App.tenants.registry";

    private const string Source = "source: crm\ntables:\n  account:\n    columns:\n      id: bigint\n";

    private const string Registry = """
        attributes:
          region: text
          seats: { type: integer, nullable: false }
          tags: "text[]"
        defaults:
          attributes: { seats: 1 }
        tenants:
          - id: acme
            name: "Pipe | back\\slash \"quote\" new\nline é"
            tier: gold
            priority: -5
            sources: [crm]
            attributes: { region: eu, seats: 40, tags: [a, b] }
          - id: bare
            enabled: false
        """;

    [TestMethod]
    public void TheTenants_ComeFromTheRegistryFile_AndTheCodeHoldsNone()
    {
        var project = Project(Registry);
        var (code, directory) = CompileTo(project, nameof(TheTenants_ComeFromTheRegistryFile_AndTheCodeHoldsNone));
        Assert.IsFalse(code.Contains("acme", StringComparison.Ordinal), "a tenant id is in the generated code");
        File.WriteAllText(Path.Combine(directory, FileName), RegistryText(project));

        var all = AllTenants(directory);

        CollectionAssert.AreEqual(new[] { "acme", "bare" }, all.Select(t => Get(t, "Id")).ToArray());
        Assert.AreEqual("Pipe | back\\slash \"quote\" new\nline é", Get(all[0], "Name"));
        Assert.AreEqual("gold", Get(all[0], "Tier"));
        Assert.AreEqual(-5, Get(all[0], "Priority"));
        var attributes = Get(all[0], "Attributes")!;
        Assert.AreEqual("eu", Get(attributes, "Region"));
        Assert.AreEqual(40, Get(attributes, "Seats"));
        Assert.AreEqual("{a,b}", Get(attributes, "Tags"));
        Assert.AreEqual(false, Get(all[1], "Enabled"));
        Assert.AreEqual(1, Get(Get(all[1], "Attributes")!, "Seats"), "the default applies");
    }

    [TestMethod]
    public void AMissingRegistryFile_IsNamed()
    {
        var (_, directory) = CompileTo(Project(Registry), nameof(AMissingRegistryFile_IsNamed));

        var error = Assert.ThrowsExactly<TargetInvocationException>(() => AllTenants(directory));

        var missing = FindInner<FileNotFoundException>(error);
        StringAssert.Contains(missing.Message, Path.Combine(directory, FileName));
        StringAssert.Contains(missing.Message, "deploy it with the assembly");
    }

    [TestMethod]
    public void ARegistryFileWrittenForOtherAttributes_IsRefused()
    {
        var project = Project(Registry);
        var (_, directory) = CompileTo(project, nameof(ARegistryFileWrittenForOtherAttributes_IsRefused));
        var other = Project(Registry.Replace("  tags: \"text[]\"\n", string.Empty).Replace(", tags: [a, b]", string.Empty));
        File.WriteAllText(Path.Combine(directory, FileName), RegistryText(other));

        var error = Assert.ThrowsExactly<TargetInvocationException>(() => AllTenants(directory));

        var stale = FindInner<InvalidDataException>(error);
        StringAssert.Contains(stale.Message, "|region|seats' where");
        StringAssert.Contains(stale.Message, "another build");
    }

    /// <summary>The command-line build's inputs (attributes file, no tenants.yaml) give the design-time build's code, byte for byte.</summary>
    [TestMethod]
    public void TheAttributesFile_GivesTheSameCodeAsTenantsYaml()
    {
        var designTime = Project(Registry);
        var analysis = ModelProjectCompiler.Analyze(new ProjectInput("App", "1.0.0", Files(designTime)));
        var attributes = TenantRegistryFile.Attributes(CodeModelBuilder.Build(analysis.Project).Attributes);
        var commandLine = new TestProject(designTime.Directory, new Dictionary<string, string>
        {
            ["sources/crm.yaml"] = Source,
            ["obj/Release/net10.0/tenantmodels/" + TenantRegistryFile.AttributesFileName] = attributes,
        })
        { RootNamespace = "App", RegistryFile = FileName };

        Assert.AreEqual(TenantsCode(designTime), TenantsCode(commandLine));
        GoldenFile.Verify(TenantsCode(commandLine), GoldenTests.CasePath("registry_file", "TenantModels.Tenants.verified.cs"));
    }

    /// <summary>In the IDE (tenants.yaml given, registry file named), a tenant edit re-analyses the tenants for diagnostics but emits nothing.</summary>
    [TestMethod]
    public void EditingATenant_ChangesNoGeneratedCode()
    {
        var project = GoldenTests.AllTypes();
        project.RegistryFile = FileName;
        var compilation = GeneratorHarness.Compilation(referenceNpgsql: true);
        var (driver, _, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), compilation);
        var path = project.PathOf("tenants.yaml");
        driver = driver.ReplaceAdditionalText(project.AdditionalTexts().Single(t => t.Path == path),
            new InMemoryAdditionalText(path, project.Files["tenants.yaml"] + "  - id: umbrella\n    name: Umbrella\n    sources: [crm]\n"));

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.AreEqual(IncrementalStepRunReason.Modified, StepReasons.Of(second, TrackingNames.TenantsAnalysis).Single().Reason, StepReasons.Describe(second));
        Assert.IsTrue(StepReasons.Of(second, TrackingNames.TenantsOutput).All(o => StepReasons.IsReused(o.Reason)), StepReasons.Describe(second));
    }

    /// <summary>Tenants may all be provisioned at run time: the declared attributes are typed without any tenant listed.</summary>
    [TestMethod]
    public void DeclaredAttributes_AreTypedWithoutAnyTenant()
    {
        var code = TenantsCode(Project("attributes:\n  region: text\n  seats: { type: integer, nullable: false }\ndefaults:\n  attributes: { seats: 1 }\ntenants: []\n"));

        StringAssert.Contains(code, "string? Region");
        StringAssert.Contains(code, "int Seats");
        StringAssert.Contains(code, "|region|seats\";");
    }

    private static TestProject Project(string registry) =>
        new("/fixtures/App", new Dictionary<string, string> { ["tenants.yaml"] = registry, ["sources/crm.yaml"] = Source }) { RootNamespace = "App", RegistryFile = FileName };

    private static IReadOnlyList<DefinitionFile> Files(TestProject project) =>
        project.Files.Select(f => new DefinitionFile(project.PathOf(f.Key), f.Key, f.Value)).ToList();

    /// <summary>What the build task writes for the project (<see cref="TenantRegistryFile.Registry"/>).</summary>
    private static string RegistryText(TestProject project) =>
        TenantRegistryFile.Registry(CodeModelBuilder.Build(ModelProjectCompiler.Analyze(new ProjectInput("App", "1.0.0", Files(project))).Project));

    private static string TenantsCode(TestProject project)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));
        Assert.IsNull(result.Exception, result.Exception?.ToString());
        return GeneratorHarness.Sources(result)["TenantModels.Tenants.g.cs"];
    }

    /// <summary>Compiles the generated code to <c>App.dll</c> in a folder of its own (so the assembly has a location).</summary>
    private static (string Code, string Directory) CompileTo(TestProject project, string name)
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));
        Assert.AreEqual(0, output.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error), string.Join("\n", output.GetDiagnostics()));
        var directory = Path.Combine(Path.GetTempPath(), "tenantmodels-registry-" + name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var emit = output.Emit(Path.Combine(directory, "App.dll"));
        Assert.IsTrue(emit.Success, string.Join("\n", emit.Diagnostics));
        return (GeneratorHarness.Sources(result)["TenantModels.Tenants.g.cs"], directory);
    }

    private static List<object> AllTenants(string directory)
    {
        var assembly = new AssemblyLoadContext(Path.GetFileName(directory), isCollectible: true).LoadFromAssemblyPath(Path.Combine(directory, "App.dll"));
        var all = assembly.GetType("App.Tenants")!.GetProperty("All")!;
        return ((System.Collections.IEnumerable)all.GetValue(null)!).Cast<object>().ToList();
    }

    private static T FindInner<T>(Exception error)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        throw new AssertFailedException("no " + typeof(T).Name + " in " + error);
    }

    private static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);
}
