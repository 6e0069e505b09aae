using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// <c>perf-report fleet [tenants databases]</c>: the scale scenario spread over many databases of one server by a target
/// map (tenants dealt round-robin), fresh apply and no-op re-apply at each parallelism setting (<c>--parallel</c>
/// databases at once × <c>--jobs</c> tenant transactions in each), against the same tenants in one database.
/// Every fresh apply starts from copies of the same raw-only templates.
/// </summary>
internal static class FleetMeasurement
{
    public const string Section = "fleet";

    private static readonly (int Parallel, int Jobs)[] Settings = { (1, 1), (2, 1), (1, 2), (2, 2), (4, 1) };

    public static IReadOnlyList<Figure> Measure(string root, int tenants, int databases, int models)
    {
        var figures = new List<Figure>();
        using var server = PostgresServer.Start();
        var shape = FormattableString.Invariant($"{tenants:N0} tenants × {models} models");
        var bundle = ApplyMeasurement.CompileBundle(root, tenants, models, "1.0.0", ScaleScenario.ViewForm);
        var manifest = BundleDirectory.Read(bundle).Manifest;
        var homes = manifest.Tenants.Select((t, i) => (t.Id, Database: i % databases)).ToList();

        // Raw-only templates: one for the single database, one per fleet database holding only its tenants' raw tables.
        Template(server, "fleet_one_raw", manifest, models, manifest.Tenants.Select(t => t.Id));
        for (var d = 0; d < databases; d++)
        {
            var index = d;
            Template(server, FleetTemplate(d), manifest, models, homes.Where(h => h.Database == index).Select(h => h.Id));
        }

        NpgsqlConnection.ClearAllPools();
        var run = 0;
        foreach (var jobs in new[] { 1, 2 })
        {
            var database = Copy(server, "fleet_one_raw", FormattableString.Invariant($"fleet_one_{run++}"));
            var connection = ApplyMeasurement.ConnectionTo(server, database);
            var fresh = ApplyMeasurement.Time(() => ApplyMeasurement.Apply(bundle, connection, "--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Add(figures, new Figure("fleet", shape + ", one database", FormattableString.Invariant($"fresh apply, --jobs {jobs}"), ApplyMeasurement.Seconds(fresh)));
            if (jobs == 2)
            {
                var noOp = Median(() => ApplyMeasurement.Apply(bundle, connection));
                Add(figures, new Figure("fleet", shape + ", one database", "re-apply, nothing changed, median of 3", ApplyMeasurement.Seconds(noOp)));
            }

        }

        var fleetShape = shape + FormattableString.Invariant($", {databases} databases of one server");
        foreach (var (parallel, jobs) in Settings)
        {
            var names = Enumerable.Range(0, databases).Select(d => Copy(server, FleetTemplate(d), FormattableString.Invariant($"fleet_{run}_{d:D2}"))).ToList();
            run++;
            var map = TargetMap(root, server, names, homes);
            var options = new[] { "--parallel", Invariant(parallel), "--jobs", Invariant(jobs) };
            var fresh = ApplyMeasurement.Time(() => ApplyWithMap(bundle, map, options));
            Add(figures, new Figure("fleet", fleetShape, FormattableString.Invariant($"fresh apply, --parallel {parallel} --jobs {jobs}"), ApplyMeasurement.Seconds(fresh)));
            var noOp = Median(() => ApplyWithMap(bundle, map, options));
            Add(figures, new Figure("fleet", fleetShape, FormattableString.Invariant($"re-apply, nothing changed, --parallel {parallel} --jobs {jobs}, median of 3"), ApplyMeasurement.Seconds(noOp)));
            foreach (var name in names)
            {
                ApplyMeasurement.Execute(server.ConnectionString, $"DROP DATABASE \"{name}\" WITH (FORCE)");
            }
        }

        return figures;
    }

    /// <summary>Printed as measured: a run takes minutes.</summary>
    private static void Add(List<Figure> figures, Figure figure)
    {
        Console.WriteLine($"  {figure.Area} / {figure.Shape} / {figure.Measure}: {figure.Value}");
        figures.Add(figure);
    }

    private static string FleetTemplate(int database) => FormattableString.Invariant($"fleet_raw_{database:D2}");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Template(PostgresServer server, string name, BundleManifest manifest, int models, IEnumerable<string> tenants)
    {
        ApplyMeasurement.Execute(server.ConnectionString, $"CREATE DATABASE \"{name}\"");
        var connection = ApplyMeasurement.ConnectionTo(server, name);
        foreach (var chunk in tenants.SelectMany(t => RawSources.Sql(manifest, models, t)).Chunk(2000))
        {
            ApplyMeasurement.Execute(connection, string.Concat(chunk));
        }
    }

    private static string Copy(PostgresServer server, string template, string name)
    {
        ApplyMeasurement.Execute(server.ConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    /// <summary>One entry per database; each tenant named under <c>tenants</c>, as a hand-written fleet map would.</summary>
    private static string TargetMap(string root, PostgresServer server, IReadOnlyList<string> databases, IEnumerable<(string Id, int Database)> homes)
    {
        var path = Path.Combine(root, "targets-" + Guid.NewGuid().ToString("N") + ".json");
        var targets = databases.ToDictionary(d => d, d => new Dictionary<string, string>
        {
            ["connection"] = FormattableString.Invariant($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database={d};Command Timeout=0"),
        });
        var map = new Dictionary<string, object>
        {
            ["targets"] = targets,
            ["tenants"] = homes.ToDictionary(h => h.Id, h => databases[h.Database]),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(map));
        return path;
    }

    private static void ApplyWithMap(string bundle, string map, string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = new RunnerApp(stdout, stderr, _ => null).Run(new[] { "apply", bundle, "--targets", map }.Concat(options).ToArray());
        if (exit != 0)
        {
            throw new InvalidOperationException($"tenantmodels apply --targets exited with {exit}:\n{stdout}\n{stderr}");
        }
    }

    private static double Median(Action action) => ApplyMeasurement.MedianOf3(action);
}
