using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Documentation;
using TenantModels.Core.Planning;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// Each tenant's live status for <c>docs --connection</c>, from what <c>status</c> and <c>verify</c> read: the deployment
/// record, compared with the live catalog (<see cref="LiveDatabase.Compare"/>), and the plan the bundle would make.
/// </summary>
internal static class DocsLiveStatus
{
    /// <summary>Null with the failure reported (its exit code in <paramref name="exitCode"/>).</summary>
    public static IReadOnlyList<TenantLiveStatus>? Read(RunnerContext context, Reporter reporter, Bundle bundle, string connectionOption, out int exitCode)
    {
        var connection = ConnectionResolver.Resolve(connectionOption, context.Environment);
        if (connection.Error is not null)
        {
            exitCode = reporter.Fail(ExitCodes.UsageError, connection.Error);
            return null;
        }

        try
        {
            using var dataSource = RunnerDataSource.Create(connection.ConnectionString!);
            using var open = dataSource.OpenConnection();
            var comparison = LiveDatabase.Compare(open, bundle);
            var runtime = RuntimeTenants.Read(open, null);
            var plan = DeploymentPlanner.Plan(DeploymentTarget.For(bundle, runtime), comparison.Records);
            exitCode = ExitCodes.Success;
            return Of(bundle.Manifest.Tenants.Concat(runtime).Select(t => t.Id).Distinct(StringComparer.Ordinal), comparison.Rows, comparison.Drift, plan.Steps, RefreshLog.Read(open));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException or TimeoutException)
        {
            exitCode = reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read the live status", ErrorCause.Of(e)));
            return null;
        }
    }

    internal static IReadOnlyList<TenantLiveStatus> Of(IEnumerable<string> tenants, IReadOnlyList<RecordedRow> rows, IReadOnlyList<DriftResult> drift, IReadOnlyList<PlanStep> steps,
        IReadOnlyDictionary<string, DateTime>? refreshed = null)
    {
        // Grouped once: a scan of every row, drift row and step per tenant is quadratic at 10,000 tenants.
        var rowsOf = rows.Where(r => r.Artefact.TenantId is not null).ToLookup(r => r.Artefact.TenantId!, StringComparer.Ordinal);
        var driftOf = drift.Where(d => d.Tenant is not null).ToLookup(d => d.Tenant!, StringComparer.Ordinal);
        var stepsOf = steps.Where(s => s.TenantId is not null).ToLookup(s => s.TenantId!, StringComparer.Ordinal);
        return tenants.OrderBy(t => t, StringComparer.Ordinal).Select(tenant =>
        {
            var mine = rowsOf[tenant].ToList();
            var problems = driftOf[tenant].Select(d => $"{d.Object}: {d.Problem}").ToList();
            var pending = stepsOf[tenant].Count();
            // The version most of its objects were applied from: a canary or a partial apply leaves a mix.
            var version = mine.GroupBy(r => r.BundleVersion, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            var state = mine.Count == 0 ? "not deployed"
                : problems.Count > 0 ? "drift"
                : pending > 0 ? $"{pending} step(s) pending"
                : "up to date";
            var applied = mine.Count == 0 ? null : mine.Max(r => r.AppliedAt).ToString("u", CultureInfo.InvariantCulture);
            var lastRefresh = refreshed is not null && refreshed.TryGetValue(tenant, out var at) ? at.ToString("u", CultureInfo.InvariantCulture) : null;
            return new TenantLiveStatus(tenant, state, version, problems, applied, lastRefresh);
        }).ToList();
    }
}
