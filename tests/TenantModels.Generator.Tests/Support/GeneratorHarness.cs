using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantModels.Generator.Tests.Support;

/// <summary>Runs <see cref="TenantModelsGenerator"/> the way the compiler does, with step tracking on.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableArray<MetadataReference>> NpgsqlReferences = new(() =>
        new[] { typeof(Npgsql.NpgsqlDataSource).Assembly.Location }
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.Abstractions.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>A library compilation, optionally referencing Npgsql, with nullable on and every warning enabled.</summary>
    public static CSharpCompilation Compilation(bool referenceNpgsql, string assemblyName = "App", params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            referenceNpgsql ? Framework.Value.AddRange(NpgsqlReferences.Value) : Framework.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver Driver(TestProject project) =>
        CSharpGeneratorDriver.Create(
            new[] { new TenantModelsGenerator().AsSourceGenerator() },
            project.AdditionalTexts(),
            ParseOptions,
            new TestOptionsProvider(project.Options()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs once; returns the driver (to run again incrementally), the result and the compilation with the generated code.</summary>
    public static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver, driver.GetRunResult().Results.Single(), output);
    }

    public static IReadOnlyDictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}
