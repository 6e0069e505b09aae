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
/// <c>perf-report scale [tenants...]</c>: the scale scenario with its canonical models as tables, on a server with
/// stock settings (the lock table of a default install): fresh apply with <c>--jobs</c> one per core, re-apply with
/// nothing changed (live introspection included), verify, plan and apply of one more tenant, and the benchmark
/// process's peak working set (compile included). Every statement the runner runs must fit the stock lock table.
/// </summary>
internal static class ScaleMeasurement
{
    public const string Section = "scale";

    public static IReadOnlyList<Figure> Measure(string root, IReadOnlyList<int> tenantCounts, int models)
    {
        var figures = new List<Figure>();
        using var server = PostgresServer.Start();
        foreach (var tenants in tenantCounts)
        {
            figures.AddRange(MeasureOne(server, root, tenants, models));
        }

        return figures;
    }

    private static IEnumerable<Figure> MeasureOne(PostgresServer server, string root, int tenants, int models)
    {
        var shape = FormattableString.Invariant($"{tenants:N0} tenants × {models} models, canonical: table, stock settings");
        var bundle = ApplyMeasurement.CompileBundle(root, tenants, models, "1.0.0", ScaleScenario.TableForm);
        var grown = ApplyMeasurement.CompileBundle(root, tenants + 1, models, "1.0.1", ScaleScenario.TableForm);
        var database = FormattableString.Invariant($"scale_t{tenants}");
        ApplyMeasurement.Execute(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var connection = ApplyMeasurement.ConnectionTo(server, database);
        foreach (var chunk in RawSources.Sql(BundleDirectory.Read(grown).Manifest, models).Chunk(2000))
        {
            ApplyMeasurement.Execute(connection, string.Concat(chunk));
        }

        NpgsqlConnection.ClearAllPools();
        var fresh = ApplyMeasurement.Time(() => ApplyMeasurement.Apply(bundle, connection, "--jobs", ApplyMeasurement.Jobs));
        yield return new Figure("scale", shape, $"fresh apply, tenantmodels apply --jobs {ApplyMeasurement.Jobs}", ApplyMeasurement.Seconds(fresh));
        var reapplied = Median(() => ApplyMeasurement.Apply(bundle, connection));
        yield return new Figure("scale", shape, "re-apply, nothing changed (live introspection included), median of 3", ApplyMeasurement.Seconds(reapplied) + " (target ≤ 10 s)");
        var verified = Median(() => ApplyMeasurement.Run("verify", bundle, connection));
        yield return new Figure("scale", shape, "verify, nothing changed, median of 3", ApplyMeasurement.Seconds(verified));
        var planned = Median(() => ApplyMeasurement.Run("plan", grown, connection));
        yield return new Figure("scale", shape, "plan of one more tenant, median of 3", ApplyMeasurement.Seconds(planned));
        var added = ApplyMeasurement.Time(() => ApplyMeasurement.Apply(grown, connection));
        yield return new Figure("scale", shape, "apply of one more tenant", ApplyMeasurement.Seconds(added));
        var count = ApplyMeasurement.Time(() => ApplyMeasurement.Execute(connection, "SELECT count(*) FROM canonical.m_0000"));
        yield return new Figure("scale", shape, "all-tenant count(*) on a canonical table, first of a connection", ApplyMeasurement.Seconds(count));
        yield return new Figure("scale", shape, "benchmark process peak working set (compiles and runner in process)",
            FormattableString.Invariant($"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB"));
    }

    private static double Median(Action action) => ApplyMeasurement.MedianOf3(action);
}
