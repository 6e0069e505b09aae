using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Syntax;
using TenantModels.Core.Validation;

namespace TenantModels.Benchmarks;

/// <summary>
/// <c>compile-phases &lt;tenants&gt;</c>: what each phase of a build's compile costs in time and in allocated memory, for the
/// scale scenario (10 models, canonical models as tables). Allocations decide how often the garbage collector stops the
/// build, which at 10,000 tenants is a visible share of an edit build. Each phase runs twice; the second run is printed
/// (code already compiled by the JIT).
/// </summary>
internal static class CompilePhasesBenchmark
{
    public const string Command = "compile-phases";

    public static void Run(int tenants)
    {
        var root = Path.Combine(Path.GetTempPath(), "tenantmodels-bench", "compile-phases-" + Guid.NewGuid().ToString("N"));
        try
        {
            var scenario = ScaleScenario.Write(root, tenants, 10, ScaleScenario.TableForm);
            var bundleDirectory = Path.Combine(root, "bundle");
            var record = Path.Combine(root, "deploy.record");
            for (var round = 1; round <= 2; round++)
            {
                var print = round == 2;
                var input = ProjectInput.FromDirectory(scenario, "Scale", "1.0.0");
                var registry = input.Files.Single(f => f.RelativePath == "tenants.yaml");
                var diagnostics = new DiagnosticBag();
                Step(print, "tenants.yaml: load and read, entries streamed (the build)", () => TenantsParser.Parse(registry.Path, registry.Text, diagnostics));
                Step(print, "tenants.yaml: load the whole tree", () => YamlDocumentLoader.TryLoad(registry.Path, registry.Text, diagnostics, out _));
                YamlDocumentLoader.TryLoad(registry.Path, registry.Text, diagnostics, out var registryRoot);
                Step(print, "tenants.yaml: read the whole tree", () => TenantsParser.Parse(registry.Path, registryRoot, diagnostics));
                ProjectSyntax syntax = null!;
                Step(print, "parse every file", () => syntax = DefinitionParser.Parse(input.Files, diagnostics));
                ProjectSyntax valid = null!;
                Step(print, "validate", () => valid = DefinitionValidator.Validate(syntax, diagnostics));
                BoundProject bound = null!;
                Step(print, "bind", () => bound = ProjectBinder.Bind(valid, diagnostics));
                Step(print, "check names (ArtefactCompiler.Check)", () => ArtefactCompiler.Check(bound, diagnostics));
                CompileResult result = null!;
                Step(print, "whole compile (all of the above and assembly)", () => result = ModelProjectCompiler.Compile(input));
                Step(print, "write the bundle (deploy.sql kept from the last round)", () => BundleDirectory.Write(result.Bundle!, bundleDirectory, new DeployScriptReuse(record)));
                var manifest = result.Bundle!.Manifest;
                Step(print, "  of which: deploy.sql's input key", () => DeployScript.InputKey(manifest));
                Step(print, "  of which: manifest.json", () => ManifestJson.Write(manifest, TextWriter.Null));
                Step(print, "content hash", () => BundleAssembler.ContentHashOf(manifest));
                Step(print, "editor schemas", () => Core.Editor.ProjectSchemas.Write(result.Syntax!, Path.Combine(root, "schemas")));
                Step(print, "registry file text", () => TenantRegistryFile.Registry(CodeModelBuilder.Build(result.Project!)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Step(bool print, string name, Action action)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        action();
        if (print)
        {
            Console.WriteLine(FormattableString.Invariant($"{name,-58} {clock.Elapsed.TotalMilliseconds,8:F1} ms {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0,8:F1} MB"));
        }
    }
}
