using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// <c>perf-report [compile] [build] [apply]</c> (all when none is named), <c>perf-report scale [tenants...]</c> (<see cref="ScaleMeasurement"/>), <c>perf-report fleet [tenants databases]</c> (<see cref="FleetMeasurement"/>) or <c>perf-report growth [tenants...]</c> (<see cref="GrowthMeasurement"/>): every figure of docs/performance.md, each
/// comparison measured side by side in one run, printed as a markdown table with the machine and the date.
/// </summary>
internal static class PerfReport
{
    public const string Command = "perf-report";

    public static void Run(IReadOnlyList<string> sections)
    {
        var all = sections.Count == 0;
        var root = Path.Combine(Path.GetTempPath(), "tenantmodels-perf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var figures = new List<Figure>();
        try
        {
            if (all || sections.Contains("compile"))
            {
                foreach (var tenants in new[] { 1_000, 10_000 })
                {
                    Report(figures, CompileMeasurement.Measure(root, tenants, 20));
                }
            }

            if (all || sections.Contains("build"))
            {
                Report(figures, BuildMeasurement.Measure(root, tenants: 1_000, models: 20, repetitions: 5));
            }

            if (all || sections.Contains("apply"))
            {
                Report(figures, ApplyMeasurement.Measure(root, new[] { 100, 1_000 }, models: 10));
            }

            // Not part of "all": `perf-report growth [tenants...]` takes about half an hour with 10,000.
            if (sections.Count > 0 && sections[0] == GrowthMeasurement.Section)
            {
                var counts = sections.Skip(1).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                figures.AddRange(GrowthMeasurement.Measure(root, counts.Count == 0 ? new[] { 100, 1_000, 10_000 } : counts));
            }

            // Not part of "all": `perf-report fleet [tenants databases]`.
            if (sections.Count > 0 && sections[0] == FleetMeasurement.Section)
            {
                var sizes = sections.Skip(1).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                figures.AddRange(FleetMeasurement.Measure(root, sizes.Count == 2 ? sizes[0] : 1_000, sizes.Count == 2 ? sizes[1] : 20, models: 10));
            }

            // Not part of "all": it takes tens of minutes. `perf-report scale` or `perf-report scale 10000`.
            if (sections.Count > 0 && sections[0] == ScaleMeasurement.Section)
            {
                var counts = sections.Skip(1).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Report(figures, ScaleMeasurement.Measure(root, counts.Count == 0 ? new[] { 1_000, 10_000 } : counts, models: 10));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                Console.Error.WriteLine($"could not delete {root}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine();
        Console.WriteLine("| area | scenario | measure | value |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var figure in figures)
        {
            Console.WriteLine($"| {figure.Area} | {figure.Shape} | {figure.Measure} | {figure.Value} |");
        }
    }

    /// <summary>Prints each figure as it comes, so a long run shows progress (and keeps what it measured if a later part fails).</summary>
    private static void Report(List<Figure> figures, IEnumerable<Figure> measured)
    {
        foreach (var figure in measured)
        {
            Console.WriteLine($"  {figure.Area} / {figure.Shape} / {figure.Measure}: {figure.Value}");
            figures.Add(figure);
        }
    }
}
