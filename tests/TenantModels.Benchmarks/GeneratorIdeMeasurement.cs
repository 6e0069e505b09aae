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
internal static class GeneratorIdeMeasurement
{
    public const string Command = "generator-ide";

    private const int Models = 200;
    private const int Keystrokes = 21;
    private const int Repetitions = 3;

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        output.WriteLine(Invariant($"| {Models} models | ") + string.Join(" | ", tenantCounts.Select(t => Invariant($"{t:N0} tenants"))) + " |");
        output.WriteLine("|---|" + string.Concat(tenantCounts.Select(_ => "---|")));
        var rows = new List<(string Name, List<string> Cells)>
        {
            ("keystroke in one model file, IDE (diagnostics on): median / max", new()),
            ("keystroke in one model file, diagnostics off: median / max", new()),
            ("semantic diagnostics of all generated code: time", new()),
            ("semantic diagnostics of all generated code: allocated", new()),
            ("generator + compile (new driver, emit), warm", new()),
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

        ide.SemanticDiagnostics();
        var semantic = new List<(double Ms, long Bytes)>();
        for (var i = 0; i < Repetitions; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            ide.SemanticDiagnostics();
            semantic.Add((clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before));
        }

        IdeSession.GeneratorAndCompile(directory);
        var build = Times(Repetitions, () => IdeSession.GeneratorAndCompile(directory));

        var tenantsFile = ide.GeneratedTrees.Single(t => t.FilePath.EndsWith("TenantModels.Tenants.g.cs", StringComparison.Ordinal)).Length;
        var all = ide.GeneratedTrees.Sum(t => (long)t.Length);
        return new[]
        {
            Ms(Median(ideKeystrokes)) + " / " + Ms(ideKeystrokes.Max()),
            Ms(Median(keystrokes)) + " / " + Ms(keystrokes.Max()),
            Ms(Median(semantic.Select(s => s.Ms).ToList())),
            Mb(Median(semantic.Select(s => (double)s.Bytes).ToList())),
            Ms(Median(build)),
            Mb(tenantsFile) + " / " + Mb(all) + " (characters)",
        };
    }

    private static List<double> Times(int count, Action action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(IReadOnlyList<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

    private static string Ms(double ms) => ms >= 1000 ? Invariant($"{ms / 1000:F2} s") : ms >= 10 ? Invariant($"{ms:F0} ms") : Invariant($"{ms:F1} ms");

    private static string Mb(double bytes) => bytes >= 1e9 ? Invariant($"{bytes / 1e9:F2} GB") : bytes >= 1e6 ? Invariant($"{bytes / 1e6:F1} MB") : Invariant($"{bytes / 1e3:F0} kB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
