using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using TenantModels.Core.Pipeline;

namespace TenantModels.Benchmarks;

/// <summary>
/// Time of Core's analysis (parse → checks) of one definition file as its size grows, for the inputs built to stall or
/// crash a YAML loader or the compiler (nesting, a long scalar, unclosed placeholders) and for a valid registry of many tenants: each should grow linearly with
/// the file (nesting past the limit stops after the 64th level). Median of a few runs per size, after a warm-up.
/// Not BenchmarkDotNet: the point is the growth across sizes, measured side by side in one run.
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- yaml-limits</c>
/// </summary>
public static class YamlLimitsBenchmark
{
    public const string Command = "yaml-limits";

    private const int Runs = 5;

    public static void Run(TextWriter output)
    {
        var shapes = new (string Name, string Path, Func<int, string> Text, int[] Sizes)[]
        {
            ("nested '['", "models/m.yaml", n => "model: m\ncolumns: " + new string('[', n), new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }),
            ("nested '- '", "models/m.yaml", n => Repeat("- ", n / 2), new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }),
            ("nested '{a: '", "models/m.yaml", n => Repeat("{a: ", n / 4), new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }),
            ("one long scalar", "models/m.yaml", n => "model: m\ndescription: " + new string('x', n) + "\ncolumns: { id: bigint }\nsql: select 1 as id\n", new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }),
            ("unclosed '{{' in sql", "models/m.yaml", n => "model: m\ncolumns: { id: bigint }\nsql: \"select " + Repeat("{{", n / 2) + "\"\n", new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }),
            ("tenants (valid registry)", "tenants.yaml", Tenants, new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }),
        };

        output.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; median of {Runs} runs");
        output.WriteLine();
        output.WriteLine("| input | " + string.Join(" | ", shapes[0].Sizes.Select(Size)) + " |");
        output.WriteLine("|---|" + string.Concat(shapes[0].Sizes.Select(_ => "---|")));
        foreach (var shape in shapes)
        {
            var cells = shape.Sizes.Select(size =>
            {
                var text = shape.Text(size);
                var input = new ProjectInput("bench", "1.0.0", new[] { new DefinitionFile(shape.Path, shape.Path, text) });
                ModelProjectCompiler.Analyze(input);
                var times = Enumerable.Range(0, Runs).Select(_ =>
                {
                    var watch = Stopwatch.StartNew();
                    ModelProjectCompiler.Analyze(input);
                    return watch.Elapsed.TotalMilliseconds;
                }).OrderBy(t => t).ToList();
                return $"{times[Runs / 2]:0.0} ms";
            });
            output.WriteLine($"| {shape.Name} | " + string.Join(" | ", cells) + " |");
        }
    }

    private static string Size(int chars) => chars >= 1_000_000 ? $"{chars / 1_000_000} M chars" : $"{chars / 1_000} k chars";

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    /// <summary>About <paramref name="chars"/> characters of tenants, 40 characters each.</summary>
    private static string Tenants(int chars)
    {
        var text = new StringBuilder("tenants:\n", chars + 64);
        for (var i = 0; text.Length < chars; i++)
        {
            text.Append("  - id: t").Append(i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture)).Append("\n    sources: [s]\n");
        }

        return text.ToString();
    }
}
