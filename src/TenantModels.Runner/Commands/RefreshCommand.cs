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
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>refresh</c>: REFRESH MATERIALIZED VIEW for every recorded materialized view instance, tenant by tenant in
/// priority order (lower first; ties in manifest order), each tenant in its own transaction so a failing tenant keeps
/// its previous rows; global ones last. Other tenants continue unless <c>--fail-fast</c>.
/// </summary>
internal sealed class RefreshCommand
{
    private readonly RunnerContext _context;

    public RefreshCommand(RunnerContext context) => _context = context;

    public int Run(RefreshOptions options)
    {
        var reporter = new Reporter(_context, "refresh", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        var manifest = preflight.Bundle.Manifest;
        using var dataSource = NpgsqlDataSource.Create(preflight.ConnectionString);
        NpgsqlConnection connection;
        try
        {
            connection = dataSource.OpenConnection();
        }
        catch (NpgsqlException e)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "connect to the database", e.Message));
        }

        using (connection)
        {
            var wait = TimeSpan.FromSeconds(options.LockWaitSeconds);
            try
            {
                if (!DeploymentLock.TryAcquire(connection, wait))
                {
                    return reporter.Fail(ExitCodes.LockNotAcquired, RunnerDiagnostics.LockNotAcquired.At(
                        SourceLocation.None, preflight.Database, wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)));
                }
            }
            catch (NpgsqlException e)
            {
                return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "take the deployment lock", e.Message));
            }

            try
            {
                return RefreshLocked(connection, preflight.Bundle, options, reporter);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
            {
                return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "refresh", e.Message));
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
    }

    private int RefreshLocked(NpgsqlConnection connection, Bundle bundle, RefreshOptions options, Reporter reporter)
    {
        var manifest = bundle.Manifest;
        var target = DeploymentTarget.For(bundle, RuntimeTenants.Read(connection, null));
        var graph = manifest.Artefacts.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var views = DeploymentRecord.Read(connection, null)
            .Where(r => r.Kind == ArtefactKind.MaterializedView && DropStatements.IsQuotedName(r.Object))
            .ToList();
        if (options.Tenant is not null && views.All(v => v.TenantId != options.Tenant))
        {
            return reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.UnknownTenant.At(SourceLocation.None, options.Tenant, "has no materialized view deployed"));
        }

        // Tenants in the target's order (priority, then manifest); recorded tenants the bundle no longer has after them; globals last.
        var order = target.Tenants.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var groups = views
            .Where(v => options.Tenant is null || v.TenantId == options.Tenant)
            .GroupBy(v => v.TenantId)
            .OrderBy(g => g.Key is null ? 2 : order.ContainsKey(g.Key) ? 0 : 1)
            .ThenBy(g => g.Key is not null && order.TryGetValue(g.Key, out var i) ? i : 0)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var units = new List<UnitResult>();
        var diagnostics = new List<DiagnosticResult>();
        var stop = false;
        var settings = new ApplySettings(TimeSpan.Zero, 0, options.StatementTimeoutSeconds, options.FailFast, false, false);
        foreach (var group in groups)
        {
            var label = group.Key is null ? "global" : "tenant " + group.Key;
            var ordered = group.OrderBy(v => graph.TryGetValue(v.ArtefactId, out var i) ? i : int.MaxValue).ThenBy(v => v.ArtefactId, StringComparer.Ordinal).ToList();
            if (stop)
            {
                units.Add(new UnitResult(group.Key is null ? "global" : "tenant", group.Key, "skipped", ordered.Count));
                reporter.Line($"  skipped {label} (--fail-fast)");
                continue;
            }

            using var transaction = connection.BeginTransaction();
            UnitRunner.SetLocal(connection, transaction, "statement_timeout", settings.StatementTimeoutSeconds);
            DiagnosticResult? failure = null;
            foreach (var view in ordered)
            {
                try
                {
                    using var command = new NpgsqlCommand(
                        $"REFRESH MATERIALIZED VIEW {(options.Concurrently ? "CONCURRENTLY " : string.Empty)}{view.Object} WITH DATA", connection, transaction)
                    { CommandTimeout = 0 };
                    command.ExecuteNonQuery();
                }
                catch (PostgresException e)
                {
                    transaction.Rollback();
                    var diagnostic = RunnerDiagnostics.RefreshFailed.At(SourceLocation.None, view.Object!, label, e.SqlState, e.MessageText);
                    _context.Error.WriteLine(Reporter.Format(diagnostic));
                    failure = new DiagnosticResult(diagnostic.Code, diagnostic.Message, view.ArtefactId, view.TenantId, e.SqlState);
                    break;
                }
            }

            if (failure is null)
            {
                transaction.Commit();
                units.Add(new UnitResult(group.Key is null ? "global" : "tenant", group.Key, "refreshed", ordered.Count));
                reporter.Line($"  refreshed {label}: {ordered.Count} materialized view(s)");
            }
            else
            {
                diagnostics.Add(failure);
                units.Add(new UnitResult(group.Key is null ? "global" : "tenant", group.Key, "failed", ordered.Count, failure));
                reporter.Line($"  FAILED {label}: rolled back, its previous rows are kept");
                stop = options.FailFast;
            }
        }

        var failed = units.Where(u => u.Status == "failed").Select(u => u.Tenant is null ? u.Unit : "tenant " + u.Tenant).ToList();
        var exit = failed.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        var refreshed = units.Where(u => u.Status == "refreshed").Sum(u => u.Steps);
        if (failed.Count == 0)
        {
            reporter.Line(units.Count == 0 ? "No materialized views to refresh." : $"Refreshed {refreshed} materialized view(s) in {units.Count} transaction(s).");
        }
        else
        {
            var summary = RunnerDiagnostics.UnitsFailed.At(SourceLocation.None, failed.Count, units.Count, string.Join(", ", failed));
            _context.Error.WriteLine(Reporter.Format(summary));
            diagnostics.Add(new DiagnosticResult(summary.Code, summary.Message));
            reporter.Line($"Refreshed {refreshed} materialized view(s); failed: {string.Join(", ", failed)}.");
        }

        var status = failed.Count == 0 ? "refreshed" : refreshed == 0 ? "failed" : "partial";
        reporter.WriteJson(new RunResult("refresh", status, exit, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
            Diagnostics: diagnostics.Count == 0 ? null : diagnostics)
        { Units = units });
        return exit;
    }
}
