using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.DataTests;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>test</c>: the bundle's data tests for each selected tenant, in priority order (groups of tenants, <c>--jobs</c> groups
/// at once), each test in a read-only transaction that is rolled back; failing rows reported per tenant with samples;
/// exit 9 when a test fails or cannot run. Changes nothing and takes no lock.
/// </summary>
internal sealed class TestCommand
{
    private readonly RunnerContext _context;

    public TestCommand(RunnerContext context) => _context = context;

    public int Run(TestOptions options) => ReadOnlyCommand.Run(
        _context,
        "test",
        (options.BundleDirectory, options.Connection, options.Json, options.Targets, options.Parallel, options.Selection),
        (bundle, target, output, connection, include, selection) => TestTarget(bundle, target, output, connection, include, selection, options),
        exit => exit == ExitCodes.Success ? null : exit == ExitCodes.TestsFailed ? "failed" : "error",
        "passed",
        (result, manifest) => new RunResult("test", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
            Diagnostics: result.Diagnostics.Count == 0 ? null : result.Diagnostics)
        { Tests = result.Tests });

    private static TargetResult TestTarget(Bundle bundle, string name, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include,
        TenantSelection? selection, TestOptions options)
    {
        if (bundle.Manifest.DataTests is not { Count: > 0 })
        {
            output.Line($"{bundle.Manifest.Project} {bundle.Manifest.BundleVersion} has no data tests (declare them with tests: on models and columns).");
            return new TargetResult(name, "passed", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>()) { Tests = Array.Empty<DataTestResult>() };
        }

        var results = new List<DataTestResult>();
        try
        {
            using var dataSource = RunnerDataSource.Create(connectionString);
            IReadOnlyList<RecordedRow> rows;
            IReadOnlyList<BundleTenant> runtime;
            using (var connection = dataSource.OpenConnection())
            {
                rows = DeploymentRecord.ReadRows(connection, null);
                runtime = RuntimeTenants.Read(connection, null);
            }

            var narrowed = SelectedTarget.Narrow(selection, DeploymentTarget.For(bundle, runtime, include), rows.Select(r => r.Artefact.TenantId), name, strict: include is null);
            if (SelectedTarget.Stop(narrowed, name, output) is { } stop)
            {
                return stop;
            }

            var target = narrowed.Target!;
            var tests = new TestSelection(bundle.Manifest, rows.Select(r => (r.Artefact.ArtefactId, r.Artefact.TenantId)));
            var tenants = target.Tenants.Where(t => target.IsSelected(t.Id)).ToList();
            // Groups of tenants in priority order, --jobs of them at once; results are reported in that order whatever finishes first.
            var groups = tenants.Select(t => (t, tests.For(t))).Chunk(GroupSize(tenants.Count, options.Jobs)).ToList();
            var perGroup = new IReadOnlyList<DataTestResult>[groups.Count];
            Parallel.For(0, groups.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, i =>
                perGroup[i] = TenantTestRun.Run(dataSource, bundle, groups[i], options.Samples));
            results.AddRange(perGroup.SelectMany(r => r));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException
            || (e is AggregateException a && a.InnerExceptions.All(i => i is NpgsqlException or InvalidOperationException)))
        {
            var cause = e is AggregateException aggregate ? aggregate.InnerExceptions[0] : e;
            var error = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "run the data tests", ErrorCause.Of(cause));
            output.Error(Reporter.Format(error));
            return new TargetResult(name, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(error.Code, error.Message) });
        }

        return Report(bundle, name, output, results);
    }

    /// <summary>Up to <see cref="TenantTestRun.TenantsPerStatement"/> tenants a group, and at least one group per job while there are tenants for it.</summary>
    private static int GroupSize(int tenants, int jobs) =>
        Math.Max(1, Math.Min(TenantTestRun.TenantsPerStatement, (tenants + jobs - 1) / jobs));

    private static TargetResult Report(Bundle bundle, string name, TargetOutput output, IReadOnlyList<DataTestResult> results)
    {
        var diagnostics = new List<DiagnosticResult>();
        var problems = results.Where(r => r.Status is "failed" or "error").ToList();
        if (problems.Count > 0)
        {
            static string[] Cells(DataTestResult r) => new[] { r.Tenant, r.Test, r.Status, r.Status == "error" ? "-" : r.Failing.ToString(System.Globalization.CultureInfo.InvariantCulture), r.DefinedAt ?? "-" };
            var table = new TextTable(new[] { "tenant", "test", "status", "failing", "defined at" }, problems.Select(Cells), 3);
            output.Line(table.Header);
            foreach (var problem in problems)
            {
                output.Line(table.Format(Cells(problem)));
                foreach (var sample in problem.Samples ?? Array.Empty<string>())
                {
                    output.Line("    " + sample);
                }
            }

            foreach (var error in problems.Where(p => p.Status == "error"))
            {
                var diagnostic = RunnerDiagnostics.DataTestError.At(SourceLocation.None, error.Test, error.DefinedAt ?? error.Model, error.Tenant,
                    error.SqlState ?? "-", error.Message ?? "-");
                output.Error(Reporter.Format(diagnostic));
                diagnostics.Add(new DiagnosticResult(diagnostic.Code, diagnostic.Message));
            }
        }

        var tenants = results.Select(r => r.Tenant).Distinct().Count();
        var run = results.Count(r => r.Status != "skipped");
        var skipped = results.Count - run;
        var skippedNote = skipped == 0 ? string.Empty : $"; {skipped} skipped (object not deployed for the tenant)";
        if (problems.Count == 0)
        {
            output.Line($"All {run} data test run(s) passed for {tenants} tenant(s) of {bundle.Manifest.Project} {bundle.Manifest.BundleVersion}{skippedNote}.");
            return new TargetResult(name, "passed", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>()) { Tests = results };
        }

        var failedTenants = problems.Select(p => p.Tenant).Distinct().ToList();
        var summary = RunnerDiagnostics.DataTestsFailed.At(SourceLocation.None, problems.Count, failedTenants.Count,
            string.Join(", ", failedTenants.Take(10)) + (failedTenants.Count > 10 ? ", …" : string.Empty));
        output.Line($"{run - problems.Count} of {run} data test run(s) passed for {tenants} tenant(s){skippedNote}.");
        output.Error(Reporter.Format(summary));
        diagnostics.Insert(0, new DiagnosticResult(summary.Code, summary.Message));
        return new TargetResult(name, "failed", ExitCodes.TestsFailed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), diagnostics) { Tests = results };
    }
}
