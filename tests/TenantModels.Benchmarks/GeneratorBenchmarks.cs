using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantModels.Benchmarks;

/// <summary>
/// The source generator on the scale project: a first (full) run, and a run after editing one model from a warm
/// driver — what the IDE does on each keystroke in a model file.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private string _directory = string.Empty;
    private CSharpCompilation _compilation = null!;
    private AdditionalText[] _texts = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _original = null!;
    private AdditionalText _edited = null!;

    [Params(1000)]
    public int Tenants { get; set; }

    [Params(200)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = ScaleScenario.Write(ScaleScenario.TempDirectory(Tenants, Models), Tenants, Models);
        _texts = GeneratorHost.Texts(_directory).ToArray();
        _compilation = GeneratorHost.Compilation();
        _warm = GeneratorHost.Driver(_directory, _texts).RunGenerators(_compilation);
        var generated = _warm.GetRunResult().GeneratedTrees.Length;
        if (generated != Models + 2)
        {
            throw new System.InvalidOperationException($"Expected {Models + 2} generated files, got {generated}.");
        }

        var editedPath = Path.Combine(_directory, ScaleScenario.EditedModel);
        _original = _texts.Single(t => t.Path == editedPath);
        _edited = GeneratorHost.Text(editedPath, ScaleScenario.Model(0, nullable: false));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "Generator: full run")]
    public GeneratorDriver FullRun() => GeneratorHost.Driver(_directory, _texts).RunGenerators(_compilation);

    [Benchmark(Description = "Generator: one-model edit (warm driver)")]
    public GeneratorDriver OneModelEdit() => _warm.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation);

    [Benchmark(Description = "Generator: nothing changed (warm driver)")]
    public GeneratorDriver NothingChanged() => _warm.RunGenerators(_compilation);
}
