using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;

namespace TenantModels.Runner.Targets;

/// <summary>
/// Runs a command (apply, plan, status, verify) on every database of a target map with at most <c>--parallel</c> at once. Each target is independent
/// (its own lock, record and transactions); its output is buffered and printed as one block when it finishes.
/// </summary>
internal sealed class TargetMapRun
{
    private readonly RunnerContext _context;
    private readonly Reporter _reporter;
    private readonly Bundle _bundle;
    private readonly string _mapPath;
    private readonly int _parallel;
    private readonly object _console = new();

    public TargetMapRun(RunnerContext context, Reporter reporter, Bundle bundle, string mapPath, int parallel)
    {
        _context = context;
        _reporter = reporter;
        _bundle = bundle;
        _mapPath = mapPath;
        _parallel = parallel;
    }

    /// <summary>apply <c>--create-databases</c>: a tenant's database missing on a server is created (otherwise TM3065).</summary>
    public bool CreateDatabases { get; init; }

    /// <summary>
    /// tenants list/show/discover: a tenant's database missing on a server is not an error but a fact to report: its
    /// result has status <see cref="NoDatabase"/> and the tenant in <see cref="TargetResult.Selected"/>.
    /// </summary>
    public bool ReportMissingDatabases { get; init; }

    public const string NoDatabase = "no-database";

    /// <summary>apply: where the targets' transactions are counted (live display, closing summary).</summary>
    public UnitProgress? Progress { get; init; }

    /// <summary>False: the targets' own lines are not printed (the live display or <c>--quiet</c> stand for them); errors still are.</summary>
    public bool UnitLines { get; init; } = true;

    /// <summary>Runs one target: its name, its output, its connection string and database, and which bundle tenants it holds.</summary>
    public delegate TargetResult TargetAction(string target, TargetOutput output, string connectionString, string database, Func<BundleTenant, bool> include);

    public int Run(Func<string, TargetOutput, TargetDeployer> deployer) =>
        Run((target, output, connection, database, include) => deployer(target, output).Apply(connection, database, include),
            exit => exit == ExitCodes.Success ? null : "failed", "applied");

    /// <param name="failureStatus">The overall status for a non-zero exit code (null: success).</param>
    /// <param name="mixedStatus">The overall status when targets succeeded with different statuses.</param>
    public int Run(TargetAction action, Func<int, string?> failureStatus, string mixedStatus)
    {
        var results = RunEach(action, out var mapError);
        if (results is null)
        {
            return mapError;
        }

        if (_reporter.Selection is { } selection && results.All(r => r.Status == SelectedTarget.NotSelected))
        {
            return _reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.SelectionMatchesNothing.At(SourceLocation.None, selection.Described, $"any database of target map '{_mapPath}'"));
        }

        PrintTable(results);
        var exit = CombinedExitCode(results.Select(r => r.ExitCode));
        var manifest = _bundle.Manifest;
        var statuses = results.Select(r => r.Status).Distinct().ToList();
        var status = failureStatus(exit) ?? (statuses.Count == 1 ? statuses[0] : mixedStatus);
        _reporter.WriteJson(new RunResult(_reporter.Command, status, exit, manifest.Project, manifest.BundleVersion, manifest.ContentHash) { Targets = results });
        return exit;
    }

    /// <summary>The result of a database that cannot be worked on (reported), or null to go on; creates a missing tenant database when asked.</summary>
    private TargetResult? Prepare(FleetTarget target, TargetOutput output)
    {
        var error = target.Error;
        var exit = target.ErrorExit;
        if (error is null && target.MissingFor is { } tenant)
        {
            var server = target.Name.Substring(0, target.Name.IndexOf('/'));
            if (ReportMissingDatabases)
            {
                return new TargetResult(target.Name, NoDatabase, ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>()) { Selected = new[] { tenant } };
            }

            if (!CreateDatabases)
            {
                error = RunnerDiagnostics.TenantDatabaseMissing.At(SourceLocation.None, target.Database!, tenant, server);
                exit = ExitCodes.UsageError;
            }
            else
            {
                try
                {
                    TenantDatabases.Create(target.Maintenance!, target.Database!);
                    output.Line($"Created database {target.Database} for tenant {tenant}.");
                }
                catch (Npgsql.NpgsqlException e)
                {
                    error = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, $"create database '{target.Database}' for tenant {tenant}", ErrorCause.Of(e));
                    exit = ExitCodes.Failed;
                }
            }
        }

        if (error is null)
        {
            return null;
        }

        output.Error(Reporter.Format(error));
        return new TargetResult(target.Name, "error", exit, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(error.Code, error.Message) });
    }

    /// <summary>0 when every run succeeded, the common code when all failures share one, else 1.</summary>
    public static int CombinedExitCode(IEnumerable<int> exitCodes)
    {
        var failures = exitCodes.Where(c => c != ExitCodes.Success).Distinct().ToList();
        return failures.Count == 0 ? ExitCodes.Success : failures.Count == 1 ? failures[0] : ExitCodes.Failed;
    }

    /// <summary>The per-target table: target, status, steps, failed transactions.</summary>
    public void PrintTable(IReadOnlyList<TargetResult> results)
    {
        _reporter.Line(string.Empty);
        static string[] Cells(TargetResult result) => new[]
        {
            result.Target,
            result.Status,
            result.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join(", ", result.Units.Where(u => u.Status == UnitStatus.Failed).Select(u => u.Tenant ?? u.Unit)),
        };
        var table = new TextTable(new[] { "target", "status", "steps", "failed" }, results.Select(Cells), rightAligned: 2);
        _reporter.Line(table.Header);
        foreach (var result in results)
        {
            _reporter.Line(table.Format(Cells(result)));
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every database of the map (at most <c>--parallel</c> at once), each target's
    /// output printed as one block, and returns their results without the table or the JSON document: for a caller that
    /// runs the map several times (rollout waves). Null when the map is unusable (reported; its exit code in <paramref name="mapError"/>).
    /// </summary>
    public TargetResult[]? RunEach(TargetAction action, out int mapError)
    {
        mapError = ExitCodes.Success;
        TargetMap map;
        try
        {
            map = TargetMap.Read(_mapPath);
        }
        catch (InvalidDataException e)
        {
            mapError = _reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.InvalidTargetMap.At(SourceLocation.None, _mapPath, e.Message));
            return null;
        }

        var homeless = _bundle.Manifest.Tenants.Where(t => t.Enabled && map.TargetOf(t) is null).Select(t => t.Id).ToList();
        if (homeless.Count > 0)
        {
            mapError = _reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.InvalidTargetMap.At(SourceLocation.None, _mapPath,
                $"no target for tenant(s) {string.Join(", ", homeless)}: add them under \"tenants\" or set \"default\""));
            return null;
        }

        var fleet = FleetTarget.Expand(map, _bundle.Manifest, _context.Environment);

        var results = new TargetResult[fleet.Count];
        Parallel.For(0, fleet.Count, new ParallelOptions { MaxDegreeOfParallelism = _parallel }, i =>
        {
            var target = fleet[i];
            var output = TargetOutput.Buffered(target.Name, _reporter.Json || !UnitLines, Progress);
            results[i] = Prepare(target, output) ?? action(target.Name, output, target.Connection!, target.Database!, target.Include);
            lock (_console)
            {
                output.FlushTo(_context.Out, _context.Error);
            }
        });

        return results;
    }
}
