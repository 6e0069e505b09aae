using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// Compile (read files → parse → bundle written to disk) of a scale scenario, in a fresh child process so its peak
/// working set is the compile's own: a cold run (JIT included, what a first build pays) then a warm one.
/// </summary>
internal static class CompileMeasurement
{
    public const string ChildCommand = "compile-once";

    /// <summary>The scenario's tenants have 4/3 sources on average: 2,000 tenants lock about 5,300 relations per canonical view query.</summary>
    private const int ViewFormTenantLimit = 2_000;

    public static IReadOnlyList<Figure> Measure(string root, int tenants, int models)
    {
        // Past PostgreSQL's stock lock table the build refuses canonical views (TM2021: 2 relations a branch here,
        // 6,400 in all), so the larger scenario has its canonical models in the table form.
        var form = tenants > ViewFormTenantLimit ? ScaleScenario.TableForm : ScaleScenario.ViewForm;
        var scenario = ScaleScenario.Write(Path.Combine(root, Invariant($"compile-t{tenants}-m{models}")), tenants, models, form);
        var output = Child.Run(Environment.ProcessPath!, new[] { ChildCommand, scenario, Path.Combine(root, "bundle-out") });
        var values = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Substring("RESULT ".Length).Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        var shape = Invariant($"{tenants:N0} tenants × {models} models") + (form == ScaleScenario.TableForm ? " (canonical: table)" : string.Empty);
        return new[]
        {
            new Figure("compile", shape, "time, first compile in a process (cold)", Ms(values["coldMs"])),
            new Figure("compile", shape, "time, second compile (warm)", Ms(values["warmMs"]) + Invariant($" (CPU {Ms(values["warmCpuMs"])}; writing the bundle {values["writeMs"]:F0} ms, of which generating deploy.sql {values["generateMs"]:F0} ms; analysis alone, run apart: {values["analyzeMs"]:F0} ms)")),
            new Figure("compile", shape, "allocated per compile", Mb(values["allocated"])),
            new Figure("compile", shape, "peak working set of the process", Mb(values["peak"])),
            new Figure("compile", shape, "bundle on disk: manifest + artefact files", Mb(values["templates"]) + Invariant($" ({values["files"]:F0} files)")),
            new Figure("compile", shape, "bundle on disk: deploy.sql (expanded for psql)", Mb(values["deploy"])),
            new Figure("compile", shape, "of the compile: deploy.sql's checksum (a second expansion, hashed as it is written)", Ms(values["deployChecksumMs"])),
            new Figure("runner", shape, "reading the bundle (every checksum, no file the manifest does not list)", Ms(values["readMs"]) + Invariant($" (of which hashing deploy.sql {values["deployHashMs"]:F0} ms)")),
        };
    }

    /// <summary>The child: compiles twice (cold, warm) and prints one RESULT line.</summary>
    public static void RunChild(string scenario, string bundleDirectory)
    {
        var cold = CompileOnce(scenario, bundleDirectory, timeAnalysis: false);
        var warm = CompileOnce(scenario, bundleDirectory, timeAnalysis: true);
        var deploy = new FileInfo(Path.Combine(bundleDirectory, BundleManifest.DeployScriptFileName)).Length;
        var all = Directory.EnumerateFiles(bundleDirectory, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        var bundle = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(scenario, "Scale", "1.0.0")).Bundle!;
        var clock = Stopwatch.StartNew();
        bundle.WriteDeployScript(TextWriter.Null);
        var generate = clock.Elapsed.TotalMilliseconds;

        // The integrity checks' own costs: the compile's extra pass over deploy.sql, and the runner's read, whose
        // hashing of deploy.sql is timed apart (it grows with models × tenants, the rest with models + tenants).
        clock.Restart();
        Checksums.OfWritten(bundle.WriteDeployScript);
        var deployChecksum = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        BundleDirectory.Read(bundleDirectory);
        var read = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        Checksums.OfFile(Path.Combine(bundleDirectory, BundleManifest.DeployScriptFileName));
        var deployHash = clock.Elapsed.TotalMilliseconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(Invariant(
            $"RESULT coldMs={cold.Total} warmMs={warm.Total} warmCpuMs={warm.Cpu} generateMs={generate} analyzeMs={warm.Analyze} assembleMs={warm.Assemble} writeMs={warm.Write} allocated={warm.Allocated} peak={self.PeakWorkingSet64} templates={all.Sum() - deploy} deploy={deploy} files={all.Count} deployChecksumMs={deployChecksum} readMs={read} deployHashMs={deployHash}"));
    }

    /// <summary>
    /// Analysis is timed in a run of its own (its share of the compile); the total and the allocations are of one real
    /// compile: files read, compiled, bundle written.
    /// </summary>
    private static (double Total, double Analyze, double Assemble, double Write, long Allocated, double Cpu) CompileOnce(string scenario, string bundleDirectory, bool timeAnalysis)
    {
        var clock = Stopwatch.StartNew();
        var analyzed = 0.0;
        if (timeAnalysis)
        {
            ModelProjectCompiler.Analyze(ProjectInput.FromDirectory(scenario, "Scale", "1.0.0"));
            analyzed = clock.Elapsed.TotalMilliseconds;
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var result = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(scenario, "Scale", "1.0.0"));
        var compiled = clock.Elapsed.TotalMilliseconds;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("the scale scenario does not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        clock.Restart();
        BundleDirectory.Write(result.Bundle!, bundleDirectory);
        var written = clock.Elapsed.TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return (compiled + written, analyzed, compiled - analyzed, written, allocated, cpu);
    }

    private static string Ms(double ms) => ms >= 1000 ? Invariant($"{ms / 1000:F2} s") : Invariant($"{ms:F0} ms");

    private static string Mb(double bytes) => Invariant($"{bytes / (1024 * 1024):F1} MB");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
