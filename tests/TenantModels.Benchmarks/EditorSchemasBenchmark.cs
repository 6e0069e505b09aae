using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Editor;
using TenantModels.Core.Pipeline;

namespace TenantModels.Benchmarks;

/// <summary>
/// What the project-specific editor schemas add to a build (CompileTenantModels writes them before it compiles): the
/// time of <see cref="ProjectSchemas.Write"/> (its own parse of every definition, then the four files) next to the
/// compile's analysis, and the size of the model schema, for the scale project (<see cref="ScaleScenario"/>).
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- editor-schemas [tenants] [models]</c>
/// </summary>
public static class EditorSchemasBenchmark
{
    public const string Command = "editor-schemas";

    private const int Runs = 5;

    public static void Run(int tenants, int models, TextWriter output)
    {
        var project = ScaleScenario.Write(ScaleScenario.TempDirectory(tenants, models), tenants, models);
        var schemas = Path.Combine(Path.GetDirectoryName(project)!, Path.GetFileName(project) + "-schemas");
        try
        {
            var input = ProjectInput.FromDirectory(project, "Scale", "1.0.0");
            var analysis = Median(() => ModelProjectCompiler.Analyze(input));
            var write = Median(() => ProjectSchemas.Write(input.Files, schemas));
            var model = new FileInfo(Path.Combine(schemas, "model.schema.json"));

            output.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {tenants} tenants × {models} models; median of {Runs} runs");
            output.WriteLine();
            output.WriteLine("| measure | value |");
            output.WriteLine("|---|---|");
            output.WriteLine($"| compile analysis (parse → validate → bind → checks) | {analysis:0} ms |");
            output.WriteLine($"| `ProjectSchemas.Write` (parse → four schema files) | {write:0} ms |");
            output.WriteLine($"| project model.schema.json | {model.Length / 1_000.0:0} kB |");
        }
        finally
        {
            BundleDirectory.Delete(schemas);
            BundleDirectory.Delete(project);
        }
    }

    private static double Median(Action action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.OrderBy(t => t).ElementAt(Runs / 2);
    }
}
