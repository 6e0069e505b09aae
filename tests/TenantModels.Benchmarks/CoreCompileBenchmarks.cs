using System.IO;
using BenchmarkDotNet.Attributes;
using TenantModels.Core.Pipeline;

namespace TenantModels.Benchmarks;

/// <summary>What <c>dotnet build</c>'s task does: parse → validate → bind → compile → bundle (files already read).</summary>
[MemoryDiagnoser]
public class CoreCompileBenchmarks
{
    private string _directory = string.Empty;
    private ProjectInput _input = null!;

    [Params(1000)]
    public int Tenants { get; set; }

    [Params(200)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = ScaleScenario.Write(ScaleScenario.TempDirectory(Tenants, Models), Tenants, Models);
        _input = ProjectInput.FromDirectory(_directory, "Scale", "1.0.0");
        var result = ModelProjectCompiler.Compile(_input);
        if (!result.Succeeded)
        {
            throw new System.InvalidOperationException("The scale scenario does not compile:\n" + string.Join("\n", result.Diagnostics));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "Core compile (parse → bundle)")]
    public CompileResult Compile() => ModelProjectCompiler.Compile(_input);

    [Benchmark(Description = "Core analyze (what the generator runs)")]
    public AnalysisResult Analyze() => ModelProjectCompiler.Analyze(_input);
}
