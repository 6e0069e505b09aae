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
            return Fail(ExitCodes.Failed, "error", RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "connect to the database", e.Message));
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
                return Fail(ExitCodes.Failed, "error", RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "take the deployment lock", e.Message));
            }

            try
            {
                return ApplyLocked(dataSource, connection, include);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
            {
                return Fail(ExitCodes.Failed, "failed", RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "complete the apply", e.Message));
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
    }

    private TargetResult ApplyLocked(NpgsqlDataSource dataSource, NpgsqlConnection connection, Func<BundleTenant, bool>? include)
    {
        var manifest = _bundle.Manifest;
        var records = LiveDatabase.Compare(connection, _bundle).Records;
        var target = DeploymentTarget.For(_bundle, RuntimeTenants.Read(connection, null), include);
        var last = DeploymentRecord.ReadLast(connection);
        if (last is not null
            && BundleVersionGate.Refusal(last.Project, last.BundleVersion, last.ContentHash, manifest, _settings.AllowSameVersion, _settings.ReplaceProject) is { } refusal)
        {
            return Fail(ExitCodes.Refused, "refused", refusal);
        }

        if (last?.Outcome == DeploymentOutcome.Running)
        {
            DeploymentRecord.MarkInterrupted(connection);
        }

        var plan = DeploymentPlanner.Plan(target, records);
        if (Refuse(plan) is { } refused)
        {
            return refused;
        }

        if (plan.IsEmpty)
        {
            _output.Line($"Nothing to apply: the database matches {manifest.Project} {manifest.BundleVersion}.");
            return new TargetResult(_target, "up-to-date", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), _diagnostics);
        }

        RunnerSchema.EnsureCurrent(connection);
        _output.Line($"Applying {manifest.Project} {manifest.BundleVersion}: {plan.Steps.Count} step(s) in {plan.Units.Count} transaction(s)");
        var state = DeploymentPlanner.Prepare(target, records);
        var units = new List<UnitResult>();
        var steps = new List<StepResult>();
        long? deployment = null;
        var stop = false;

        // While every unit succeeds the plan above is exactly what planning unit by unit would give: run its units. After
        // a failure, plan each remaining unit against the record as it stands (the failed unit left no trace in it).
        var planned = plan.Units.ToDictionary(u => u.Key);
        var committed = new List<PlanStep>();
        var replan = false;
        var keys = DeploymentPlanner.UnitKeys(target, state);
        for (var index = 0; index < keys.Count;)
        {
            // With --jobs, a run of units that touch only their own tenant goes at once; what fails there runs again
            // alone below, in order, exactly as without --jobs.
            var run = _settings.Jobs > 1 && !replan && !stop && deployment is not null ? AlongsideOthers(keys, index, planned) : (Units: new List<PlanUnit>(), End: index + 1);
            if (run.Units.Count > 1)
            {
                var batch = run.Units;
                var outcomes = ParallelTenantUnits.Run(dataSource, connection, batch, _settings, manifest, deployment!.Value, _output,
                    ReportApplied);
                var retry = new List<PlanUnitKey>();
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i])
                    {
                        Applied(batch[i]);
                    }
                    else
                    {
                        retry.Add(batch[i].Key);
                    }
                }

                foreach (var key in retry)
                {
                    RunAlone(key);
                }

                index = run.End;
                continue;
            }

            // Keys with nothing to do and at most one unit: one by one (the scan above need not be repeated for each).
            for (var end = Math.Max(run.End, index + 1); index < end; index++)
            {
                RunAlone(keys[index]);
            }
        }

        void Applied(PlanUnit unit)
        {
            committed.AddRange(unit.Steps);
            steps.AddRange(Reporter.Steps(unit));
            units.Add(new UnitResult(KindName(unit.Key), unit.Key.TenantId, "applied", unit.Steps.Count));
        }

        void RunAlone(PlanUnitKey key)
        {
            PlanUnit? unit;
            if (replan)
            {
                state = state.After(committed);
                committed.Clear();
                unit = DeploymentPlanner.PlanUnit(key, target, state);
            }
            else
            {
                unit = planned.TryGetValue(key, out var plannedUnit) ? plannedUnit : null;
            }

            if (unit is null || unit.IsEmpty)
            {
                return;
            }

            if (stop)
            {
                units.Add(new UnitResult(KindName(key), key.TenantId, "skipped", unit.Steps.Count));
                _output.Line($"  skipped {key} (--fail-fast)");
                return;
            }

            var failure = UnitRunner.Run(connection, unit, _settings, manifest, ref deployment);
            if (failure is null)
            {
                Applied(unit);
                ReportApplied(unit);
                return;
            }

            _output.Error(Reporter.Format(failure.Value.Diagnostic));
            _diagnostics.Add(failure.Value.Detail);
            units.Add(new UnitResult(KindName(key), key.TenantId, "failed", unit.Steps.Count, failure.Value.Detail));
            _output.Line($"  FAILED {key}: rolled back, nothing of it was changed");
            stop = _settings.FailFast;
            replan = true;
        }

        var failed = units.Where(u => u.Status == "failed").Select(u => u.Tenant is null ? u.Unit : "tenant " + u.Tenant).ToList();
        if (deployment is { } id)
        {
            DeploymentRecord.FinishDeployment(connection, id, failed);
        }

        if (failed.Count == 0)
        {
            _output.Line($"Applied {steps.Count} step(s): the database now matches {manifest.Project} {manifest.BundleVersion}.");
            return new TargetResult(_target, "applied", ExitCodes.Success, steps, units, _diagnostics);
        }

        var summary = RunnerDiagnostics.UnitsFailed.At(SourceLocation.None, failed.Count, units.Count, string.Join(", ", failed));
        _output.Error(Reporter.Format(summary));
        _diagnostics.Add(new DiagnosticResult(summary.Code, summary.Message));
        _output.Line($"Applied {steps.Count} step(s); failed: {string.Join(", ", failed)}.");
        return new TargetResult(_target, steps.Count == 0 ? "failed" : "partial", ExitCodes.Failed, steps, units, _diagnostics);
    }

    /// <summary>Everything that stops an apply before it changes anything: a plan the runner cannot make safely, or unapproved data loss.</summary>
    private TargetResult? Refuse(DeploymentPlan plan)
    {
        if (plan.Blockers.Count > 0)
        {
            return Fail(ExitCodes.Refused, "refused", RunnerDiagnostics.PlanBlocked.At(SourceLocation.None, string.Join("; ", plan.Blockers)));
        }

        var losses = plan.DataLossSteps;
        if (losses.Count > 0 && !_settings.AllowDataLoss)
        {
            return Fail(ExitCodes.Refused, "refused", RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, losses.Count, DataLoss.Describe(losses)));
        }

        return null;
    }

    private TargetResult Fail(int exitCode, string status, Diagnostic diagnostic)
    {
        _output.Error(Reporter.Format(diagnostic));
        _diagnostics.Add(new DiagnosticResult(diagnostic.Code, diagnostic.Message));
        return new TargetResult(_target, status, exitCode, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), _diagnostics);
    }

    /// <summary>
    /// The planned units from <paramref name="start"/> on that may run at once, up to the first that may not (keys with
    /// nothing to do are passed over); <c>End</c> is the index of that first one.
    /// </summary>
    private static (List<PlanUnit> Units, int End) AlongsideOthers(IReadOnlyList<PlanUnitKey> keys, int start, IReadOnlyDictionary<PlanUnitKey, PlanUnit> planned)
    {
        var batch = new List<PlanUnit>();
        var end = start;
        for (; end < keys.Count; end++)
        {
            if (!planned.TryGetValue(keys[end], out var unit) || unit.IsEmpty)
            {
                continue;
            }

            if (!ParallelTenantUnits.CanRunAlongsideOthers(unit))
            {
                break;
            }

            batch.Add(unit);
        }

        return (batch, end);
    }

    private void ReportApplied(PlanUnit unit) => _output.Line($"  applied {unit.Key}: {unit.Steps.Count} step(s)");

    private static string KindName(PlanUnitKey key) => key.Kind.ToString().ToLowerInvariant();
}
