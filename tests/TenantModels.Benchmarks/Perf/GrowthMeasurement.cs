using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// <c>perf-report growth [tenants...]</c>: the scale scenario (10 models, canonical models as tables) at each size, end to
/// end as a user runs it: <c>dotnet build</c> on the freshly packed SDK (clean, nothing changed, one tenant edited; peak
/// memory of the build's largest process), the bundle's size, then the runner as its own process on a server with stock
/// settings (fresh apply, no-op re-apply, one more tenant; the runner's peak memory), and canonical-table queries for one
/// tenant and for all, first of a connection and warm, over three rows per tenant.
/// </summary>
internal static class GrowthMeasurement
{
    public const string Section = "growth";

    private const int Models = 10;

    public static IReadOnlyList<Figure> Measure(string root, IReadOnlyList<int> tenantCounts)
    {
        var figures = new List<Figure>();
        var feed = Path.Combine(root, "feed");
        Child.Run("dotnet", new[] { "pack", RepoPaths.Combine("sdk", "TenantModels.Sdk", "TenantModels.Sdk.csproj"), "-c", "Release", "-o", feed }.Concat(BuildMeasurement.NoServers));
        using var server = PostgresServer.Start();
        foreach (var tenants in tenantCounts)
        {
            var shape = FormattableString.Invariant($"{tenants:N0} tenants × {Models} models, canonical: table");
            foreach (var figure in Build(root, feed, tenants).Concat(Apply(root, server, tenants)))
            {
                Console.WriteLine($"  {figure.Measure} @ {tenants}: {figure.Value}");
                figures.Add(figure with { Shape = shape });
            }
        }

        return figures;
    }

    private static IEnumerable<Figure> Build(string root, string feed, int tenants)
    {
        var folder = Path.Combine(root, FormattableString.Invariant($"growth-build-{tenants}"));
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, ".nuget"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        BuildMeasurement.WriteIsolation(root, feed);
        var model = ScaleScenario.Write(folder, tenants, Models, ScaleScenario.TableForm);
        File.WriteAllText(Path.Combine(model, "Scale.csproj"), "<Project Sdk=\"TenantModels.Sdk\">\n  <PropertyGroup>\n    <Version>1.0.0</Version>\n  </PropertyGroup>\n</Project>\n");

        // Restore first, so the clean build measures building, not downloading.
        Child.Run("dotnet", new[] { "restore" }.Concat(BuildMeasurement.NoServers), environment, model);
        var (clean, cleanPeak) = Timed("dotnet", new[] { "build", "-c", "Release", "--no-restore" }.Concat(BuildMeasurement.NoServers), environment, model);
        yield return new Figure("growth", string.Empty, "clean `dotnet build` (restored)", ApplyMeasurement.Seconds(clean));
        yield return new Figure("growth", string.Empty, "clean build: peak memory of its largest process", Megabytes(cleanPeak));
        var noOps = Enumerable.Range(0, 3).Select(_ => Timed("dotnet", new[] { "build", "-c", "Release", "--no-restore" }.Concat(BuildMeasurement.NoServers), environment, model).Ms).OrderBy(t => t).ToList();
        yield return new Figure("growth", string.Empty, "`dotnet build`, nothing changed, median of 3", ApplyMeasurement.Seconds(noOps[1]));

        // Three edits, one tenant's name each time (to another name and back), like the no-op a median of three.
        var registry = Path.Combine(model, "tenants.yaml");
        var names = new[] { "Tenant zero", "Tenant 0", "Tenant zero" };
        var previous = "Tenant 0";
        var edits = new List<double>();
        foreach (var name in names)
        {
            File.WriteAllText(registry, File.ReadAllText(registry).Replace($"    name: {previous}\n", $"    name: {name}\n", StringComparison.Ordinal));
            previous = name;
            edits.Add(Timed("dotnet", new[] { "build", "-c", "Release", "--no-restore" }.Concat(BuildMeasurement.NoServers), environment, model).Ms);
        }

        var edited = edits.OrderBy(t => t).ElementAt(1);
        yield return new Figure("growth", string.Empty, "`dotnet build` after editing one tenant's name, median of 3",
            ApplyMeasurement.Seconds(edited) + FormattableString.Invariant($" = {edited / noOps[1]:F2}× the no-op build (target ≤ 1.5×)"));

        var bundle = Path.GetDirectoryName(Directory.EnumerateFiles(Path.Combine(model, "bin"), BundleManifest.FileName, SearchOption.AllDirectories).Single())!;
        var files = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        var deploy = files.Single(f => f.Name == BundleManifest.DeployScriptFileName).Length;
        yield return new Figure("growth", string.Empty, "bundle size: everything but deploy.sql / deploy.sql",
            Megabytes((files.Sum(f => f.Length) - deploy) / 1024) + " / " + Megabytes(deploy / 1024));
    }

    private static IEnumerable<Figure> Apply(string root, PostgresServer server, int tenants)
    {
        var bundle = ApplyMeasurement.CompileBundle(root, tenants, Models, "1.0.0", ScaleScenario.TableForm);
        var grown = ApplyMeasurement.CompileBundle(root, tenants + 1, Models, "1.0.1", ScaleScenario.TableForm);
        var database = FormattableString.Invariant($"growth_t{tenants}");
        ApplyMeasurement.Execute(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var connection = ApplyMeasurement.ConnectionTo(server, database);
        var grownManifest = BundleDirectory.Read(grown).Manifest;
        foreach (var chunk in RawSources.Sql(grownManifest, Models).Chunk(2000))
        {
            ApplyMeasurement.Execute(connection, string.Concat(chunk));
        }

        var (fresh, freshPeak) = Runner("apply", bundle, connection, "--jobs", ApplyMeasurement.Jobs);
        yield return new Figure("growth", string.Empty, $"fresh apply, `tenantmodels apply --jobs {ApplyMeasurement.Jobs}` (own process)", ApplyMeasurement.Seconds(fresh));
        yield return new Figure("growth", string.Empty, "fresh apply: the runner's peak memory", Megabytes(freshPeak));
        var noOps = Enumerable.Range(0, 3).Select(_ => Runner("apply", bundle, connection)).OrderBy(r => r.Ms).ToList();
        yield return new Figure("growth", string.Empty, "re-apply, nothing changed, median of 3", ApplyMeasurement.Seconds(noOps[1].Ms));
        yield return new Figure("growth", string.Empty, "re-apply, nothing changed: the runner's peak memory", Megabytes(noOps.Max(r => r.PeakKb)));
        var (added, addedPeak) = Runner("apply", grown, connection);
        yield return new Figure("growth", string.Empty, "apply of one more tenant", ApplyMeasurement.Seconds(added) + ", " + Megabytes(addedPeak) + " peak");

        // Three rows per tenant in the first canonical table, as a refresh would leave them (the raw tables are empty).
        ApplyMeasurement.Execute(connection, "INSERT INTO canonical.m_0000 (tenant_id, id) SELECT t, g FROM unnest(ARRAY["
            + string.Join(",", grownManifest.Tenants.Select(t => "'" + t.Id + "'")) + "]) AS t, generate_series(1, 3) AS g; ANALYZE canonical.m_0000");
        var one = grownManifest.Tenants[tenants / 2].Id;
        foreach (var (what, sql) in new[] { ("one tenant's rows", $"SELECT count(*) FROM canonical.m_0000 WHERE tenant_id = '{one}'"), ("all tenants' count(*)", "SELECT count(*) FROM canonical.m_0000") })
        {
            var (first, warm) = Query(connection, sql);
            yield return new Figure("growth", string.Empty, $"canonical table, {what}: first of a connection / warm (median of 5)",
                FormattableString.Invariant($"{first:F2} ms / {warm:F2} ms"));
        }
    }

    /// <summary>
    /// The runner as a user runs it, a process of its own, so its peak memory is its own: by default the ReadyToRun build
    /// the tool package of this machine holds (<see cref="RunnerExecutable"/>).
    /// </summary>
    internal static (double Ms, long PeakKb) Runner(string command, string bundle, string connection, params string[] options) =>
        RunnerProcess(new[] { command, bundle, "--connection", connection, "--quiet" }.Concat(options));

    /// <summary>The runner as its own process with these arguments (wall time, peak memory); fails unless it exits 0.</summary>
    internal static (double Ms, long PeakKb) RunnerProcess(IEnumerable<string> runnerArguments)
    {
        var (program, arguments) = RunnerExecutable.For(runnerArguments);
        return Timed(program, arguments, null, null);
    }

    /// <summary>The runner as built by <c>dotnet build -c Release</c> (<see cref="RunnerExecutable"/>'s <c>build</c> form).</summary>
    internal static string RunnerDll => RepoPaths.Combine("src", "TenantModels.Runner", "bin", "Release", "net10.0", "tenantmodels.dll");

    /// <summary>Wall time, and the peak resident set of the largest process of the run (GNU time's %M).</summary>
    private static (double Ms, long PeakKb) Timed(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? directory)
    {
        var clock = Stopwatch.StartNew();
        var output = Child.Run("/usr/bin/time", new[] { "-f", "peak-kb %M", program }.Concat(arguments), environment, directory);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var line = output.Split('\n').Last(l => l.StartsWith("peak-kb ", StringComparison.Ordinal));
        return (elapsed, long.Parse(line["peak-kb ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (double First, double Warm) Query(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        var first = ApplyMeasurement.Time(() => Scalar(connection, sql));
        var warm = Enumerable.Range(0, 5).Select(_ => ApplyMeasurement.Time(() => Scalar(connection, sql))).OrderBy(t => t).ElementAt(2);
        return (first, warm);
    }

    private static void Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteScalar();
    }

    private static string Megabytes(long kilobytes) => FormattableString.Invariant($"{kilobytes / 1024.0:N1} MB");
}
