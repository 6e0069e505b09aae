using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// <c>data-tests [tenants...]</c>: <c>tenantmodels test</c> on the scale scenario (10 models from two sources, every other
/// one canonical as a view) with three model tests on every model (unique, expression, row_count) and the project check
/// canonical_tenants, applied to a throwaway server: how long a run over every tenant takes, one job and one per core.
/// </summary>
internal static class DataTestsMeasurement
{
    public const string Command = "data-tests";

    private const int Models = 10;

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        var root = Path.Combine(Path.GetTempPath(), "tm-data-tests-" + Guid.NewGuid().ToString("N"));
        using var server = PostgresServer.Start();
        try
        {
            foreach (var tenants in tenantCounts)
            {
                var (bundle, runs) = CompileBundle(root, tenants);
                var database = FormattableString.Invariant($"data_tests_t{tenants}");
                ApplyMeasurement.Execute(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
                var connection = ApplyMeasurement.ConnectionTo(server, database);
                foreach (var chunk in RawSources.Sql(BundleDirectory.Read(bundle).Manifest, Models).Chunk(2000))
                {
                    ApplyMeasurement.Execute(connection, string.Concat(chunk));
                }

                ApplyMeasurement.Apply(bundle, connection, "--jobs", ApplyMeasurement.Jobs);
                NpgsqlConnection.ClearAllPools();
                var one = Median(() => Test(bundle, connection, "1"));
                var perCore = Median(() => Test(bundle, connection, ApplyMeasurement.Jobs));
                output.WriteLine(FormattableString.Invariant(
                    $"{tenants:N0} tenants, {runs:N0} test runs: test --jobs 1 {ApplyMeasurement.Seconds(one)}, test --jobs {ApplyMeasurement.Jobs} {ApplyMeasurement.Seconds(perCore)} (median of 3)"));
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static (string Bundle, int Runs) CompileBundle(string root, int tenants)
    {
        var scenario = ScaleScenario.Write(Path.Combine(root, FormattableString.Invariant($"t{tenants}")), tenants, Models);
        File.AppendAllText(Path.Combine(scenario, "tenantmodels.yaml"), "\ntests: [canonical_tenants]\n");
        foreach (var model in Directory.GetFiles(Path.Combine(scenario, "models"), "*.yaml"))
        {
            File.AppendAllText(model, "tests:\n  - unique: { columns: [id] }\n  - expression: \"amount >= 0\"\n  - row_count: { min: 0, max: 1000000 }\n");
        }

        var result = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(scenario, "Scale", "1.0.0"));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("the data tests scenario does not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        var bundle = Path.Combine(scenario, "bundle");
        BundleDirectory.Write(result.Bundle!, bundle);
        var manifest = result.Bundle!.Manifest;
        var runs = manifest.Tenants.Sum(t => manifest.DataTests!.Count(d => d.Source is null || t.Sources.Contains(d.Source)));
        return (bundle, runs);
    }

    private static void Test(string bundle, string connectionString, string jobs)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = new RunnerApp(stdout, stderr, _ => null).Run(new[] { "test", bundle, "--connection", connectionString, "--jobs", jobs });
        if (exit != 0)
        {
            throw new InvalidOperationException($"tenantmodels test exited with {exit}:\n{stdout}\n{stderr}");
        }
    }

    private static double Median(Action action) =>
        Enumerable.Range(0, 3).Select(_ => ApplyMeasurement.Time(action)).OrderBy(t => t).ElementAt(1);
}
