using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>refresh</c>: every recorded materialized view (REFRESH MATERIALIZED VIEW) and canonical table partition (the
/// bundle's refresh statement: DELETE and INSERT, or the watermark's increment), tenant by tenant in priority order
/// (lower first; ties in manifest order), each tenant in its own transaction so a failing tenant keeps its previous
/// rows; global ones last. Other tenants continue unless <c>--fail-fast</c>. With <c>--targets</c>, every database of
/// the map, each under its own lock.
/// </summary>
internal sealed class RefreshCommand
{
    private readonly RunnerContext _context;

    public RefreshCommand(RunnerContext context) => _context = context;

    public int Run(RefreshOptions options)
    {
        var progress = new UnitProgress("refreshed", countsUpToDate: false);
        return OperatorOutput.Run(_context, options.Json, options.Quiet, options.Verbose, progress, (context, unitLines) => ReadOnlyCommand.Run(
            context,
            "refresh",
            (options.BundleDirectory, options.Connection, options.Json, options.Targets, options.Parallel, options.Selection),
            (bundle, target, output, connection, include, selection) => RefreshTarget(bundle, target, output, connection, include, selection, options),
            exit => exit == ExitCodes.Success ? null : "failed",
            "refreshed",
            (result, manifest) => new RunResult("refresh", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
                Diagnostics: result.Diagnostics.Count == 0 ? null : result.Diagnostics)
            { Units = result.Units },
            new ReadOnlyCommand.UnitOutput(progress, unitLines, options.Quiet)));
    }

    private static TargetResult RefreshTarget(Bundle bundle, string name, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include, TenantSelection? selection, RefreshOptions options)
    {
        TargetResult Error(int exitCode, Diagnostic diagnostic)
        {
            output.Error(Reporter.Format(diagnostic));
            return new TargetResult(name, "error", exitCode, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) });
        }

        using var dataSource = RunnerDataSource.Create(connectionString);
        NpgsqlConnection connection;
        try
        {
            connection = dataSource.OpenConnection();
        }
        catch (NpgsqlException e)
        {
            return Error(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "connect to the database", ErrorCause.Of(e)));
        }

        using (connection)
        {
            var wait = TimeSpan.FromSeconds(options.LockWaitSeconds);
            try
            {
                if (!DeploymentLock.TryAcquire(connection, wait))
                {
                    return Error(ExitCodes.LockNotAcquired, DeploymentLock.Refusal(connection, connection.Database, wait));
                }
            }
            catch (NpgsqlException e)
            {
                return Error(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "take the deployment lock", ErrorCause.Of(e)));
            }

            try
            {
                var recorded = LiveDatabase.Compare(connection, bundle).Records;
                var narrowed = SelectedTarget.Narrow(selection, DeploymentTarget.For(bundle, RuntimeTenants.Read(connection, null), include), recorded.Select(r => r.TenantId), name, strict: include is null);
                if (SelectedTarget.Stop(narrowed, name, output) is { } stop)
                {
                    return stop;
                }

                var units = RefreshUnits.Of(narrowed.Target!, recorded, options.Concurrently);
                if (narrowed.Target!.Selected is not null)
                {
                    // Only the selected tenants' views and partitions; the global ones read every tenant and wait for a full refresh.
                    units = units.Where(u => u.TenantId is not null && narrowed.Target.IsSelected(u.TenantId)).ToList();
                    if (units.Count == 0 && options.Selection?.Tenants.Count == 1)
                    {
                        return Error(ExitCodes.UsageError, RunnerDiagnostics.UnknownTenant.At(SourceLocation.None, options.Selection.Tenants[0],
                            "has nothing to refresh: no materialized view or canonical table partition deployed"));
                    }
                }

                return RefreshLocked(connection, name, units, options, output);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
            {
                return Error(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "refresh", ErrorCause.Of(e)));
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
    }

    private static TargetResult RefreshLocked(NpgsqlConnection connection, string name, IReadOnlyList<RefreshUnit> refreshUnits, RefreshOptions options, TargetOutput output)
    {
        var units = new List<UnitResult>();
        var diagnostics = new List<DiagnosticResult>();
        var stop = false;
        output.Progress?.Plan(refreshUnits.Count, 0);
        var log = RefreshLog.Available(connection);
        foreach (var unit in refreshUnits)
        {
            var kind = unit.TenantId is null ? "global" : "tenant";
            var label = unit.TenantId is null ? "global" : "tenant " + unit.TenantId;
            var key = unit.TenantId is null ? PlanUnitKey.Global : PlanUnitKey.Tenant(unit.TenantId);
            if (stop)
            {
                units.Add(new UnitResult(kind, unit.TenantId, UnitStatus.Skipped, unit.Steps.Count));
                output.Finished(key, UnitStatus.Skipped);
                output.Line($"  skipped {label} (--fail-fast)");
                continue;
            }

            output.Started(key);
            var failure = Run(connection, unit, label, options, output, log);
            if (failure is null)
            {
                units.Add(new UnitResult(kind, unit.TenantId, UnitStatus.Refreshed, unit.Steps.Count));
                output.Finished(key, UnitStatus.Refreshed);
                output.Line($"  refreshed {label}: {Describe(unit.Steps)}");
            }
            else
            {
                diagnostics.Add(failure);
                units.Add(new UnitResult(kind, unit.TenantId, UnitStatus.Failed, unit.Steps.Count, failure));
                output.Finished(key, UnitStatus.Failed);
                output.Line($"  FAILED {label}: rolled back, its previous rows are kept");
                stop = options.FailFast;
            }
        }

        var failed = units.Where(u => u.Status == UnitStatus.Failed).Select(u => u.Tenant is null ? u.Unit : "tenant " + u.Tenant).ToList();
        var exit = failed.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        var refreshed = refreshUnits.Where((u, i) => units[i].Status == UnitStatus.Refreshed).SelectMany(u => u.Steps).ToList();
        if (failed.Count == 0)
        {
            output.Line(units.Count == 0 ? "Nothing to refresh: no materialized view or canonical table partition is deployed." : $"Refreshed {Describe(refreshed)} in {units.Count} transaction(s).");
        }
        else
        {
            var summary = UnitsSummary.Failed(units, "refreshed");
            output.Error(Reporter.Format(summary));
            diagnostics.Add(new DiagnosticResult(summary.Code, summary.Message));
            output.Line($"Refreshed {Describe(refreshed)}; failed: {string.Join(", ", failed)}{UnitsSummary.Skipped(units)}.");
        }

        var status = failed.Count == 0 ? "refreshed" : refreshed.Count == 0 ? "failed" : "partial";
        return new TargetResult(name, status, exit, Array.Empty<StepResult>(), units, diagnostics);
    }

    /// <summary>One tenant's statements in one transaction: null when committed, the failure when rolled back.</summary>
    /// <param name="log">Record the refresh's time in its transaction (<see cref="RefreshLog"/>).</param>
    private static DiagnosticResult? Run(NpgsqlConnection connection, RefreshUnit unit, string label, RefreshOptions options, TargetOutput output, bool log)
    {
        if (unit.Steps.FirstOrDefault(s => s.Live is not null) is { } drifted)
        {
            var why = drifted.Live == LiveCondition.Missing ? "missing from the database" : "changed outside TenantModels";
            var refused = RunnerDiagnostics.RefreshOfDrifted.At(SourceLocation.None, drifted.Object, label, why);
            output.Error(Reporter.Format(refused));
            return new DiagnosticResult(refused.Code, refused.Message, drifted.ArtefactId, unit.TenantId);
        }

        using var transaction = connection.BeginTransaction();
        UnitRunner.SetLocal(connection, transaction, "statement_timeout", options.StatementTimeoutSeconds);
        foreach (var step in unit.Steps)
        {
            try
            {
                using var command = new NpgsqlCommand(step.Sql, connection, transaction) { CommandTimeout = 0 };
                command.ExecuteNonQuery();
            }
            catch (PostgresException e) when (!Connections.IsBroken(connection))
            {
                transaction.Rollback();
                var diagnostic = RunnerDiagnostics.RefreshFailed.At(SourceLocation.None, step.Object, label, e.SqlState, e.MessageText);
                output.Error(Reporter.Format(diagnostic));
                return new DiagnosticResult(diagnostic.Code, diagnostic.Message, step.ArtefactId, unit.TenantId, e.SqlState);
            }
        }

        if (log)
        {
            RefreshLog.Record(connection, transaction, unit.TenantId);
        }

        transaction.Commit();
        return null;
    }

    private static string Describe(IReadOnlyList<RefreshStep> steps)
    {
        var views = steps.Count(s => s.Kind == ArtefactKind.MaterializedView);
        var partitions = steps.Count - views;
        return partitions == 0 ? $"{views} materialized view(s)" : $"{views} materialized view(s) and {partitions} canonical table partition(s)";
    }
}
