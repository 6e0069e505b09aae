using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace TenantModels.Benchmarks;

/// <summary>
/// The generator as the IDE hosts it (<see cref="IdeSession"/>) at 100 to 10,000 tenants: a keystroke in one model
/// file, semantic diagnostics of all generated code, and generator + compile as in a clean build.
/// <c>-- generator-ide</c> (<see cref="GeneratorIdeMeasurement"/>) prints the same figures in one quick run.
/// </summary>
[MemoryDiagnoser]
public class GeneratorIdeBenchmarks
{
    private IdeSession _ide = null!;
    private IdeSession _commandLine = null!;

    [Params(100, 1000, 10000)]
    public int Tenants { get; set; }

    [Params(200)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = ScaleScenario.Write(ScaleScenario.TempDirectory(Tenants, Models), Tenants, Models);
        _ide = new IdeSession(directory, designTime: true);
        _commandLine = new IdeSession(directory, designTime: false);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_ide.Directory, recursive: true);

    [Benchmark(Description = "IDE: keystroke in one model file (diagnostics on)")]
    public GeneratorDriver Keystroke() => _ide.Keystroke();

    [Benchmark(Description = "Keystroke in one model file (diagnostics off)")]
    public GeneratorDriver KeystrokeWithoutDiagnostics() => _commandLine.Keystroke();

    [Benchmark(Description = "IDE: semantic diagnostics of all generated code")]
    public int SemanticDiagnostics() => _ide.SemanticDiagnostics();

    [Benchmark(Description = "Build: generator + compile (new driver, emit)")]
    public long GeneratorAndCompile() => IdeSession.GeneratorAndCompile(_ide.Directory);
}
