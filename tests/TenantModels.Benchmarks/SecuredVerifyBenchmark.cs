using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Database;
using TenantModels.Testing;

namespace TenantModels.Benchmarks;

/// <summary>
/// How long a secured project's security comparison takes: N tenants (schema isolation) with M tables each, granted to
/// the tenant's reader and the admin, applied by the runner on a throwaway server with stock settings. Times the typed
/// comparison (desired security from the manifest against the live catalog) beside the isolation checks it replaces,
/// then <c>verify</c> and the no-op re-apply as a whole, in process and as the runner's own process (the form
/// <c>dotnet tool install</c> gives, <see cref="Perf.RunnerExecutable"/>), medians of <see cref="Repetitions"/>. With
/// <c>SECURED_VERIFY_HOLD=&lt;file&gt;</c> the applied server waits for experiments until that file is deleted, then is measured.
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- secured-verify 1000 10</c>.
/// </summary>
internal static class SecuredVerifyBenchmark
{
    public const string Command = "secured-verify";

    private const int Repetitions = 3;

    public static void Run(int tenants, int models, TextWriter output)
    {
        using var server = PostgresServer.Start();
        var db = server.CreateDatabase("secured_verify");
        var bundle = Compile(tenants, models);
        var path = Path.Combine(ScaleScenario.TempDirectory(tenants, models), "bundle");
        try
        {
            BundleDirectory.Write(bundle, path);
            var apply = Stopwatch.StartNew();
            Perf.ApplyMeasurement.Apply(path, db, "--jobs", Perf.ApplyMeasurement.Jobs);
            apply.Stop();
            if (Environment.GetEnvironmentVariable("SECURED_VERIFY_HOLD") is { Length: > 0 } hold)
            {
                // For experiments by hand (profiles, a changed runner) on the applied database, before the measurements: until the file is deleted.
                output.WriteLine($"holding: bundle {path}, connection '{db}' until {hold} is deleted");
                File.WriteAllText(hold, db);
                while (File.Exists(hold))
                {
                    System.Threading.Thread.Sleep(1000);
                }
            }

            IReadOnlyList<RecordedRow> rows;
            using (var connection = new NpgsqlConnection(db))
            {
                connection.Open();
                rows = DeploymentRecord.ReadRowsWithoutCatalog(connection, null);
            }

            var differences = -1;
            var typed = Median(() =>
            {
                using var connection = new NpgsqlConnection(db);
                connection.Open();
                differences = LiveSecurity.Compare(connection, bundle, rows)!.Differences.Count;
            });
            var remaining = Median(() =>
            {
                using var connection = new NpgsqlConnection(db);
                connection.Open();
                var live = LiveSecurity.Compare(connection, bundle, rows)!;
                IsolationChecks.Run(connection, bundle, rows, rowChecks: false, out _, live.Covers);
            }) - typed;
            var checks = Median(() =>
            {
                using var connection = new NpgsqlConnection(db);
                connection.Open();
                IsolationChecks.Run(connection, bundle, rows, rowChecks: false, out _);
            });
            var verify = Median(() => Perf.ApplyMeasurement.Run("verify", path, db));
            var noOp = Median(() => Perf.ApplyMeasurement.Apply(path, db));
            var verifyProcess = Median(() => Perf.GrowthMeasurement.RunnerProcess(new[] { "verify", path, "--connection", db }));
            var noOpProcess = Median(() => Perf.GrowthMeasurement.Runner("apply", path, db));

            output.WriteLine(FormattableString.Invariant($"## Secured verify at {tenants:N0} tenants × {models} tables (schema isolation, {rows.Count:N0} record rows, median of {Repetitions})"));
            output.WriteLine();
            output.WriteLine("| measure | seconds |");
            output.WriteLine("|---|---|");
            output.WriteLine(FormattableString.Invariant($"| fresh apply, `--jobs {Perf.ApplyMeasurement.Jobs}` | {apply.Elapsed.TotalSeconds:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| typed security comparison (manifest against catalog; {differences} difference(s)) | {typed:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| isolation checks it does not cover (roles' memberships, registry, logins, database, functions) | {remaining:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| every isolation check, as a bundle without typed security runs them | {checks:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| `verify`, nothing changed (in process, warm) | {verify:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| re-apply, nothing changed (in process, warm) | {noOp:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| `verify`, nothing changed, the runner as its own process | {verifyProcess:0.00} |"));
            output.WriteLine(FormattableString.Invariant($"| re-apply, nothing changed, the runner as its own process | {noOpProcess:0.00} |"));
            output.WriteLine();
            output.WriteLine(Perf.RunnerExecutable.Description);
            output.WriteLine();
            output.WriteLine("| isolation check (each run alone, once) | seconds |");
            output.WriteLine("|---|---|");
            var names = IsolationCheck.Parse(bundle.ArtefactFiles[bundle.Manifest.Security!.ChecksPath]).Select(c => c.Name).Distinct().ToList();
            var costs = names.Select(name =>
            {
                using var connection = new NpgsqlConnection(db);
                connection.Open();
                var watch = Stopwatch.StartNew();
                IsolationChecks.Run(connection, bundle, rows, rowChecks: false, out _, c => c.Name != name);
                return (Name: name, Seconds: watch.Elapsed.TotalSeconds);
            }).OrderByDescending(c => c.Seconds).Take(8).ToList();
            foreach (var (name, seconds) in costs)
            {
                output.WriteLine(FormattableString.Invariant($"| `{name}` | {seconds:0.00} |"));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static Bundle Compile(int tenants, int models)
    {
        var files = new List<DefinitionFile>
        {
            new("tenants.yaml", "tenants.yaml", "tenants:\n" + string.Concat(Enumerable.Range(1, tenants).Select(i => "  - id: t" + i.ToString("D5", CultureInfo.InvariantCulture) + "\n"))),
            new("tenantmodels.yaml", "tenantmodels.yaml", "security:\n  isolation: schema\n  prefix: sv\n  tenant_roles:\n    reader: \"sv_<tenant>_reader\"\n"),
        };
        for (var m = 0; m < models; m++)
        {
            var name = ScaleScenario.ModelName(m);
            files.Add(new DefinitionFile($"models/{name}.yaml", $"models/{name}.yaml",
                $"model: {name}\nmaterialized: table\ncolumns:\n  id: {{ type: bigint, nullable: false }}\n  label: text\nprimary_key: [id]\ngrants: {{ reader: [select], admin: [select] }}\n"));
        }

        var result = ModelProjectCompiler.Compile(new ProjectInput("SecuredVerify", "1.0.0", files));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        }

        return result.Bundle!;
    }

    private static double Median(Action action)
    {
        var seconds = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        return seconds.OrderBy(s => s).ElementAt(Repetitions / 2);
    }
}
