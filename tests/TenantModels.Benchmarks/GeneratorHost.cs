using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TenantModels.Core.Pipeline;
using TenantModels.Generator;

namespace TenantModels.Benchmarks;

/// <summary>Hosts the generator the way the compiler does: AdditionalFiles, build properties, a compilation referencing Npgsql.</summary>
internal static class GeneratorHost
{
    public static IReadOnlyList<AdditionalText> Texts(string directory) =>
        DefinitionFileLayout.Enumerate(directory).Select(path => (AdditionalText)new InMemoryText(path, File.ReadAllText(path))).ToList();

    public static AdditionalText Text(string path, string text) => new InMemoryText(path, text);

    /// <param name="designTime">As the SDK sets up design-time (IDE) builds: the generator also reports every TMxxxx diagnostic.</param>
    public static GeneratorDriver Driver(string directory, IEnumerable<AdditionalText> texts, bool designTime = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new TenantModelsGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options(new Dictionary<string, string>
            {
                ["build_property.MSBuildProjectDirectory"] = directory,
                ["build_property.RootNamespace"] = "Scale",
                ["build_property.TenantModelsGeneratorDiagnostics"] = designTime ? "true" : "false",
            }));

    public static CSharpCompilation Compilation() => CSharpCompilation.Create(
        "Scale",
        Array.Empty<SyntaxTree>(),
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal))
            .Append(typeof(Npgsql.NpgsqlDataSource).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        public Options(IReadOnlyDictionary<string, string> values)
        {
            GlobalOptions = new Values(values);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.None;
    }

    private sealed class Values : AnalyzerConfigOptions
    {
        public static readonly Values None = new(ImmutableDictionary<string, string>.Empty);

        private readonly IReadOnlyDictionary<string, string> _values;

        public Values(IReadOnlyDictionary<string, string> values)
        {
            _values = values;
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
