using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TenantModels.Benchmarks;

/// <summary>
/// <c>-- generator-ide [tenants...]</c>: the figures of <see cref="GeneratorIdeBenchmarks"/> in one quick run (medians of
/// repeated runs in this process, after a warm-up), as a Markdown table, for the scale project with 200 models.
/// </summary>
/// <remarks>
/// Each figure is wall time, then this process's CPU time (user + system, all threads) for the same runs: on a shared
/// machine the CPU time moves much less than the wall time. <c>GENERATOR_IDE_RUNS</c> sets the repetitions (default 3;
/// 1 also skips the warm-ups of the slow figures, for code too slow to run them twice); <c>GENERATOR_IDE_MODELS</c> the
/// number of models (default 200).
/// </remarks>
internal static class GeneratorIdeMeasurement
{
    public const string Command = "generator-ide";

    private static readonly int Models = int.TryParse(Environment.GetEnvironmentVariable("GENERATOR_IDE_MODELS"), out var models) ? models : 200;
    private const int Keystrokes = 21;

    private static readonly int Repetitions = int.TryParse(Environment.GetEnvironmentVariable("GENERATOR_IDE_RUNS"), out var runs) ? runs : 3;

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        output.WriteLine(Invariant($"| {Models} models | ") + string.Join(" | ", tenantCounts.Select(t => Invariant($"{t:N0} tenants"))) + " |");
        output.WriteLine("|---|" + string.Concat(tenantCounts.Select(_ => "---|")));
        var rows = new List<(string Name, List<string> Cells)>
        {
            ("keystroke in one model file, IDE (diagnostics on): median wall (max) / mean CPU", new()),
            ("keystroke in one model file, diagnostics off: median wall (max) / mean CPU", new()),
            ("semantic diagnostics of all generated code: median wall / CPU", new()),
            ("semantic diagnostics of all generated code: allocated", new()),
            ("of which `TenantModels.Tenants.g.cs` alone: median wall / CPU", new()),
            ("generator + compile (new driver, emit to memory), warm: median wall / CPU", new()),
            ("of which the generator's run: median wall / CPU", new()),
            ("`TenantModels.Tenants.g.cs` / all generated code", new()),
        };
        foreach (var tenants in tenantCounts)
        {
            var directory = ScaleScenario.Write(ScaleScenario.TempDirectory(tenants, Models), tenants, Models);
            try
            {
                var cells = Measure(directory);
                for (var i = 0; i < rows.Count; i++)
                {
                    rows[i].Cells.Add(cells[i]);
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        foreach (var (name, cells) in rows)
        {
            output.WriteLine("| " + name + " | " + string.Join(" | ", cells) + " |");
        }
    }

    private static string[] Measure(string directory)
    {
        var ide = new IdeSession(directory, designTime: true);
        var commandLine = new IdeSession(directory, designTime: false);
        var ideKeystrokes = Times(Keystrokes, () => ide.Keystroke());
        var keystrokes = Times(Keystrokes, () => commandLine.Keystroke());

        if (Repetitions > 1)
        {
            ide.SemanticDiagnostics();
        }

        var semantic = new List<(double Wall, double Cpu, long Bytes)>();
        for (var i = 0; i < Repetitions; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var run = Times(1, () => ide.SemanticDiagnostics(), warmUp: false);
            semantic.Add((run.Wall[0], run.Cpu[0], GC.GetTotalAllocatedBytes(precise: true) - before));
        }

        var tenantsAlone = Times(Repetitions, () => ide.SemanticDiagnostics("TenantModels.Tenants.g.cs"), warmUp: Repetitions > 1);
        var build = Times(Repetitions, () => IdeSession.GeneratorAndCompile(directory), warmUp: Repetitions > 1);
        var generator = Times(Repetitions, () => IdeSession.GeneratorOnly(directory), warmUp: Repetitions > 1);
        var tenantsFile = ide.GeneratedTrees.Single(t => t.FilePath.EndsWith("TenantModels.Tenants.g.cs", StringComparison.Ordinal)).Length;
        var all = ide.GeneratedTrees.Sum(t => (long)t.Length);
        return new[]
        {
            Ms(Median(ideKeystrokes.Wall)) + " (" + Ms(ideKeystrokes.Wall.Max()) + ") / " + Ms(ideKeystrokes.Cpu.Average()),
            Ms(Median(keystrokes.Wall)) + " (" + Ms(keystrokes.Wall.Max()) + ") / " + Ms(keystrokes.Cpu.Average()),
            Ms(Median(semantic.Select(s => s.Wall).ToList())) + " / " + Ms(Median(semantic.Select(s => s.Cpu).ToList())),
            Mb(Median(semantic.Select(s => (double)s.Bytes).ToList())),
            Ms(Median(tenantsAlone.Wall)) + " / " + Ms(Median(tenantsAlone.Cpu)),
            Ms(Median(build.Wall)) + " / " + Ms(Median(build.Cpu)),
            Ms(Median(generator.Wall)) + " / " + Ms(Median(generator.Cpu)),
            Mb(tenantsFile) + " / " + Mb(all) + " (characters)",
        };
    }

    /// <summary>Wall and CPU milliseconds of each run (CPU as the process accounts it, in coarse ticks: average many short runs).</summary>
    private static (List<double> Wall, List<double> Cpu) Times(int count, Action action, bool warmUp = true)
    {
        if (warmUp)
        {
            action();
        }

        using var self = Process.GetCurrentProcess();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < count; i++)
        {
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        return (wall, cpu);
    }

    private static double Median(IReadOnlyList<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

    private static string Ms(double ms) => ms >= 1000 ? Invariant($"{ms / 1000:F2} s") : ms >= 10 ? Invariant($"{ms:F0} ms") : Invariant($"{ms:F1} ms");

    private static string Mb(double bytes) => bytes >= 1e9 ? Invariant($"{bytes / 1e9:F2} GB") : bytes >= 1e6 ? Invariant($"{bytes / 1e6:F1} MB") : Invariant($"{bytes / 1e3:F0} kB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
