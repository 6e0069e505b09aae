using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// <c>-- runner-noop [tenants...]</c>: the apply rows of <c>perf-report growth</c> without the builds: on a server with
/// stock settings, the scale scenario (10 models, canonical models as tables) applied fresh, then the runner as its own
/// process re-applying it with nothing changed (median of 5, peak memory) and applying one more tenant; the runner is
/// the one <c>dotnet tool install</c> gives (ReadyToRun), or another form named by <c>TENANTMODELS_BENCH_RUNNER</c>
/// (<see cref="RunnerExecutable"/>). With
/// <c>RUNNER_NOOP_TRACE=&lt;folder&gt;</c>, a sixth no-op and the apply of a second extra tenant run under
/// <c>dotnet-trace</c> (speedscope files in that folder), after the timed runs. With <c>RUNNER_NOOP_HOLD=&lt;file&gt;</c> the
/// server and database stay up after the timed runs until that file is deleted (its text is the connection string).
/// </summary>
internal static class RunnerNoOpMeasurement
{
    public const string Command = "runner-noop";

    private const int Models = 10;

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        var root = Path.Combine(Path.GetTempPath(), "tenantmodels-runner-noop-" + Guid.NewGuid().ToString("N"));
        var trace = Environment.GetEnvironmentVariable("RUNNER_NOOP_TRACE");
        try
        {
            using var server = PostgresServer.Start();
            foreach (var tenants in tenantCounts)
            {
                var bundle = ApplyMeasurement.CompileBundle(root, tenants, Models, "1.0.0", ScaleScenario.TableForm);
                var grown = ApplyMeasurement.CompileBundle(root, tenants + 1, Models, "1.0.1", ScaleScenario.TableForm);
                var grownTwice = ApplyMeasurement.CompileBundle(root, tenants + 2, Models, "1.0.2", ScaleScenario.TableForm);
                var database = FormattableString.Invariant($"runner_noop_t{tenants}");
                ApplyMeasurement.Execute(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
                var connection = ApplyMeasurement.ConnectionTo(server, database);
                foreach (var chunk in RawSources.Sql(BundleDirectory.Read(grownTwice).Manifest, Models).Chunk(2000))
                {
                    ApplyMeasurement.Execute(connection, string.Concat(chunk));
                }

                var (fresh, _) = GrowthMeasurement.Runner("apply", bundle, connection, "--jobs", ApplyMeasurement.Jobs);
                var noOps = Enumerable.Range(0, 5).Select(_ => GrowthMeasurement.Runner("apply", bundle, connection)).OrderBy(r => r.Ms).ToList();
                var (added, addedPeak) = GrowthMeasurement.Runner("apply", grown, connection);
                var shape = FormattableString.Invariant($"| {tenants:N0} tenants × {Models} models");
                output.WriteLine(RunnerExecutable.Description);
                output.WriteLine(FormattableString.Invariant($"{shape} | fresh apply --jobs {ApplyMeasurement.Jobs} | {fresh / 1000:F2} s |"));
                output.WriteLine(FormattableString.Invariant($"{shape} | no-op re-apply, min / median / max of 5 | {noOps[0].Ms / 1000:F2} / {noOps[2].Ms / 1000:F2} / {noOps[4].Ms / 1000:F2} s, {noOps.Max(r => r.PeakKb) / 1024} MB peak |"));
                output.WriteLine(FormattableString.Invariant($"{shape} | apply of one more tenant | {added / 1000:F2} s, {addedPeak / 1024} MB peak |"));
                if (Environment.GetEnvironmentVariable("RUNNER_NOOP_HOLD") is { Length: > 0 } hold)
                {
                    // For experiments by hand against the applied database: it lives until the file named is deleted.
                    output.WriteLine($"holding: bundle {bundle}, grown {grown} / {grownTwice}, connection '{connection}' until {hold} is deleted");
                    File.WriteAllText(hold, connection);
                    while (File.Exists(hold))
                    {
                        System.Threading.Thread.Sleep(1000);
                    }
                }

                if (trace is { Length: > 0 })
                {
                    Directory.CreateDirectory(trace);
                    Traced(Path.Combine(trace, FormattableString.Invariant($"noop-{tenants}.nettrace")), grown, connection);
                    Traced(Path.Combine(trace, FormattableString.Invariant($"add-one-{tenants}.nettrace")), grownTwice, connection);
                }
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

    private static void Traced(string file, string bundle, string connection)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        var (program, arguments) = RunnerExecutable.For(new[] { "apply", bundle, "--connection", connection, "--quiet" });
        Child.Run(tool, new[] { "collect", "--format", "Speedscope", "-o", file, "--", program }.Concat(arguments));
    }
}
