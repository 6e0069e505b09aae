using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Commands;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Schedules;
using TenantModels.Runner.Selection;

namespace TenantModels.Runner.Apply;

/// <summary>
/// Applies a bundle to one database: under the deployment lock, refuses an older bundle, a blocked plan or
/// unapproved data loss before changing anything, then runs one transaction per unit (global, each tenant, unions),
/// each planned against the record as the previous ones left it, so a failed tenant is rolled back and planned around.
/// </summary>
internal sealed class TargetDeployer
{
    private readonly Bundle _bundle;
    private readonly ApplySettings _settings;
    private readonly TargetOutput _output;
    private readonly string _target;
    private readonly List<DiagnosticResult> _diagnostics = new();

    public TargetDeployer(Bundle bundle, ApplySettings settings, TargetOutput output, string target)
    {
        _bundle = bundle;
        _settings = settings;
        _output = output;
        _target = target;
    }

    public TargetResult Apply(string connectionString, string database, Func<BundleTenant, bool>? include)
    {
        using var dataSource = RunnerDataSource.Create(connectionString);
        NpgsqlConnection connection;
        try
        {
            connection = dataSource.OpenConnection();
        }
        catch (NpgsqlException e)
        {
            return Fail(ExitCodes.Failed, "error", RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "connect to the database", ErrorCause.Of(e)));
        }

        using (connection)
        {
            try
            {
                if (!DeploymentLock.TryAcquire(connection, _settings.LockWait))
                {
                    return Fail(ExitCodes.LockNotAcquired, "error", DeploymentLock.Refusal(connection, database, _settings.LockWait));
                }
            }
            catch (NpgsqlException e)
            {
                return Fail(ExitCodes.Failed, "error", RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "take the deployment lock", ErrorCause.Of(e)));
            }

            try
            {
                return ApplyLocked(dataSource, connection, connectionString, include);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
            {
                return Fail(ExitCodes.Failed, "failed", RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "complete the apply", ErrorCause.Of(e)));
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
    }

    private TargetResult ApplyLocked(NpgsqlDataSource dataSource, NpgsqlConnection connection, string connectionString, Func<BundleTenant, bool>? include)
    {
        var manifest = _bundle.Manifest;
        if (Citus.CitusReadiness.Refusal(connection, manifest, _target) is { } notCitus)
        {
            return Fail(ExitCodes.Failed, "refused", notCitus);
        }

        var last = DeploymentRecord.ReadLast(connection);
        if (last is not null
            && BundleVersionGate.Refusal(last.Project, last.BundleVersion, last.ContentHash, manifest, _settings.AllowSameVersion, _settings.ReplaceProject) is { } refusal)
        {
            return Fail(ExitCodes.Refused, "refused", refusal);
        }

        var comparison = LiveDatabase.Compare(connection, _bundle);
        var records = comparison.Records;
        var narrowed = SelectedTarget.Narrow(_settings.Selection, DeploymentTarget.For(_bundle, RuntimeTenants.Read(connection, null), include), records.Select(r => r.TenantId), _target, strict: include is null);
        if (SelectedTarget.Stop(narrowed, _target, _output) is { } notSelected)
        {
            return notSelected;
        }

        var target = narrowed.Target!;

        if (last?.Outcome == DeploymentOutcome.Running)
        {
            DeploymentRecord.MarkInterrupted(connection);
        }

        var plan = DeploymentPlanner.Plan(target, records);
        if (Refuse(plan) is { } refused)
        {
            return refused;
        }

        _output.Progress?.Plan(plan, target);
        if (plan.IsEmpty)
        {
            RememberVerified(() =>
            {
                SchemaFingerprints.Store(connection, comparison.Verified);
                LiveDatabase.Settle(connection, StoreExpansionKeys(connection, plan, upgrade: true), RowsNow(comparison, plan));
            });
            _output.Line($"Nothing to apply: the database matches {manifest.Project} {manifest.BundleVersion}{SelectedTarget.Scope(target)}.");
            if (!InstallSchedules(connection, connectionString, target, Array.Empty<string>()))
            {
                return new TargetResult(_target, "partial", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), _diagnostics);
            }

            return new TargetResult(_target, "up-to-date", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), _diagnostics);
        }

        RunnerSchema.EnsureCurrent(connection);
        _output.Line($"Applying {manifest.Project} {manifest.BundleVersion}: {plan.Steps.Count} step(s) in {plan.Units.Count} transaction(s)");
        foreach (var retry in last?.Retries(manifest.ContentHash, plan) ?? Array.Empty<string>())
        {
            _output.Line("  retrying: " + retry);
        }

        var sequence = new UnitSequence(dataSource, connection, _settings, manifest, _output, target, DeploymentPlanner.Prepare(target, records), plan);
        sequence.Run();
        RememberVerified(() => LiveDatabase.Settle(connection,
            plan.Steps.Select(s => SchemaFingerprints.SchemaOf(s.Object)).OfType<string>().Concat(StoreExpansionKeys(connection, plan, upgrade: false)),
            RowsNow(comparison, plan)));
        _diagnostics.AddRange(sequence.Failures);
        var units = sequence.Units;
        var steps = sequence.Steps;
        var failedUnits = units.Where(u => u.Status == UnitStatus.Failed).ToList();
        var failed = failedUnits.Select(u => u.Tenant is null ? u.Unit : "tenant " + u.Tenant).ToList();
        if (sequence.Deployment is { } id)
        {
            DeploymentRecord.FinishDeployment(connection, id, failed,
                failedUnits.Select(u => u.Diagnostic is { } d ? d.Code + ": " + d.Message : "no diagnostic").ToList());
        }

        var scheduled = InstallSchedules(connection, connectionString, target, failedUnits.Select(u => u.Tenant).OfType<string>().ToList());
        if (failed.Count == 0)
        {
            _output.Line($"Applied {steps.Count} step(s): the database now matches {manifest.Project} {manifest.BundleVersion}{SelectedTarget.Scope(target)}.");
            return scheduled
                ? new TargetResult(_target, "applied", ExitCodes.Success, steps, units, _diagnostics)
                : new TargetResult(_target, "partial", ExitCodes.Failed, steps, units, _diagnostics);
        }

        var summary = UnitsSummary.Failed(units, "applied");
        _output.Error(Reporter.Format(summary));
        _diagnostics.Add(new DiagnosticResult(summary.Code, summary.Message));
        _output.Line($"Applied {steps.Count} step(s); failed: {string.Join(", ", failed)}{UnitsSummary.Skipped(units)}.");
        return new TargetResult(_target, steps.Count == 0 ? "failed" : "partial", ExitCodes.Failed, steps, units, _diagnostics);
    }

    /// <summary>
    /// Installs the bundle's refresh jobs in pg_cron once the objects are in place: for every tenant of the target (the
    /// selected ones only, with a selection), except tenants whose unit failed, whose jobs stay as they were.
    /// </summary>
    /// <returns>False when pg_cron refused (TM3101, recorded): the objects stay applied.</returns>
    private bool InstallSchedules(NpgsqlConnection connection, string connectionString, DeploymentTarget target, IReadOnlyList<string> failedTenants)
    {
        IReadOnlyCollection<string>? scope = target.Selected;
        if (failedTenants.Count > 0)
        {
            scope = target.Tenants.Select(t => t.Id).Where(id => target.IsSelected(id) && !failedTenants.Contains(id)).ToList();
        }

        try
        {
            if (RefreshSchedules.Install(connection, connectionString, _bundle, target.Tenants, scope, out var unavailable) is { Any: true } changes)
            {
                _output.Line(RefreshSchedules.Describe(changes));
            }

            if (unavailable is not null)
            {
                _output.Error(Reporter.Format(unavailable));
                _diagnostics.Add(new DiagnosticResult(unavailable.Code, unavailable.Message));
            }

            return true;
        }
        catch (PostgresException e)
        {
            var diagnostic = RunnerDiagnostics.ScheduleNotInstalled.At(SourceLocation.None, connection.Database ?? _target, e.SqlState, e.MessageText);
            _output.Error(Reporter.Format(diagnostic));
            _diagnostics.Add(new DiagnosticResult(diagnostic.Code, diagnostic.Message));
            return false;
        }
    }

    /// <summary>Stores which schemas were found as recorded: only a cache of comparisons, so failing to is said, never fatal.</summary>
    private void RememberVerified(Action store)
    {
        try
        {
            store();
        }
        catch (NpgsqlException e)
        {
            _output.Line("Could not record which schemas match the record (" + ErrorCause.Of(e) + "): the next plan compares them all.");
        }
    }

    /// <summary>The record rows there can be once the plan ran, each with its schema: those read before it and those its steps wrote.</summary>
    private static IEnumerable<(string ArtefactId, string? TenantId, string? Schema)> RowsNow(LiveComparison comparison, DeploymentPlan plan) =>
        comparison.Records.Select(r => (r.ArtefactId, r.TenantId, SchemaFingerprints.SchemaOf(r)))
            .Concat(plan.Steps.Where(s => s.Action != PlanStepAction.Drop).Select(s => (s.ArtefactId, s.TenantId, SchemaFingerprints.SchemaOf(s.Object))));

    /// <summary>
    /// Stores the expansion keys the plan found missing or stale, so the next plan skips expanding those instances.
    /// Only a cache, like the schema keys: a record without its key is planned by expanding it, as before.
    /// </summary>
    /// <param name="upgrade">Whether to bring the runner schema to the version that keeps keys (a no-op apply
    /// otherwise never does, and its records would be expanded at every plan).</param>
    /// <returns>The schemas of the records written: their record rows changed, so their keys (<see cref="SchemaFingerprints"/>) are settled again.</returns>
    private static IEnumerable<string> StoreExpansionKeys(NpgsqlConnection connection, DeploymentPlan plan, bool upgrade)
    {
        if (plan.Rekeyed.Count == 0)
        {
            return Array.Empty<string>();
        }

        if (upgrade)
        {
            RunnerSchema.EnsureCurrent(connection);
        }

        return DeploymentRecord.StoreExpansionKeys(connection, plan.Rekeyed).Select(SchemaFingerprints.SchemaOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Everything that stops an apply before it changes anything: a plan the runner cannot make safely, or unapproved data loss.</summary>
    private TargetResult? Refuse(DeploymentPlan plan) =>
        PlanRefusal.Of(plan, _settings.AllowDataLoss) is { } refusal ? Fail(ExitCodes.Refused, "refused", refusal) : null;

    private TargetResult Fail(int exitCode, string status, Diagnostic diagnostic)
    {
        _output.Error(Reporter.Format(diagnostic));
        _diagnostics.Add(new DiagnosticResult(diagnostic.Code, diagnostic.Message));
        return new TargetResult(_target, status, exitCode, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), _diagnostics);
    }
}
