using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Apply;

/// <summary>
/// Runs the units of one database's plan in order, each in its own transaction. While every unit succeeds, the plan
/// made up front is exactly what planning unit by unit would give, so its units run as planned; after a failure each
/// remaining unit is planned again against the record as it stands (the failed unit left no trace in it). With
/// <c>--jobs</c>, a run of units that touch only their own tenant goes at once, and what fails there runs again
/// alone, in order, exactly as without <c>--jobs</c>.
/// </summary>
internal sealed class UnitSequence
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly ApplySettings _settings;
    private readonly BundleManifest _manifest;
    private readonly TargetOutput _output;
    private readonly DeploymentTarget _target;
    private readonly IReadOnlyDictionary<PlanUnitKey, PlanUnit> _planned;
    private readonly List<PlanStep> _committed = new();
    private RecordedState _state;
    private bool _replan;
    private bool _stop;
    private long? _deployment;

    public UnitSequence(NpgsqlDataSource dataSource, NpgsqlConnection connection, ApplySettings settings, BundleManifest manifest, TargetOutput output,
        DeploymentTarget target, RecordedState state, DeploymentPlan plan)
    {
        _dataSource = dataSource;
        _connection = connection;
        _settings = settings;
        _manifest = manifest;
        _output = output;
        _target = target;
        _state = state;
        _planned = plan.Units.ToDictionary(u => u.Key);
    }

    public List<UnitResult> Units { get; } = new();

    public List<StepResult> Steps { get; } = new();

    /// <summary>Diagnostics of the units that failed.</summary>
    public List<DiagnosticResult> Failures { get; } = new();

    /// <summary>The deployment row, once the first unit committed it.</summary>
    public long? Deployment => _deployment;

    public void Run()
    {
        var keys = DeploymentPlanner.UnitKeys(_target, _state);
        for (var index = 0; index < keys.Count;)
        {
            var run = _settings.Jobs > 1 && !_replan && !_stop && _deployment is not null ? AlongsideOthers(keys, index) : (Units: new List<PlanUnit>(), End: index + 1);
            if (run.Units.Count > 1)
            {
                RunAtOnce(run.Units);
                index = run.End;
                continue;
            }

            // Keys with nothing to do and at most one unit: one by one (the scan above need not be repeated for each).
            for (var end = Math.Max(run.End, index + 1); index < end; index++)
            {
                RunAlone(keys[index]);
            }
        }
    }

    private void RunAtOnce(List<PlanUnit> batch)
    {
        var outcomes = ParallelTenantUnits.Run(_dataSource, _connection, batch, _settings, _manifest, _deployment!.Value, _output, ReportApplied);
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
    }

    private void RunAlone(PlanUnitKey key)
    {
        PlanUnit? unit;
        if (_replan)
        {
            _state = _state.After(_committed);
            _committed.Clear();
            unit = DeploymentPlanner.PlanUnit(key, _target, _state);
        }
        else
        {
            unit = _planned.TryGetValue(key, out var plannedUnit) ? plannedUnit : null;
        }

        if (unit is null || unit.IsEmpty)
        {
            return;
        }

        if (_stop)
        {
            Units.Add(new UnitResult(KindName(key), key.TenantId, UnitStatus.Skipped, unit.Steps.Count));
            _output.Finished(key, UnitStatus.Skipped);
            _output.Line($"  skipped {key} (--fail-fast)");
            return;
        }

        _output.Started(key);
        var failure = UnitRunner.Run(_connection, unit, _settings, _manifest, ref _deployment);
        if (failure is null)
        {
            Applied(unit);
            ReportApplied(unit);
            return;
        }

        _output.Error(Reporter.Format(failure.Value.Diagnostic));
        Failures.Add(failure.Value.Detail);
        Units.Add(new UnitResult(KindName(key), key.TenantId, UnitStatus.Failed, unit.Steps.Count, failure.Value.Detail));
        _output.Finished(key, UnitStatus.Failed);
        _output.Line($"  FAILED {key}: rolled back, nothing of it was changed");
        _stop = _settings.FailFast;
        _replan = true;
    }

    private void Applied(PlanUnit unit)
    {
        _committed.AddRange(unit.Steps);
        Steps.AddRange(Reporter.Steps(unit));
        Units.Add(new UnitResult(KindName(unit.Key), unit.Key.TenantId, UnitStatus.Applied, unit.Steps.Count));
    }

    /// <summary>
    /// The planned units from <paramref name="start"/> on that may run at once, up to the first that may not (keys with
    /// nothing to do are passed over); <c>End</c> is the index of that first one.
    /// </summary>
    private (List<PlanUnit> Units, int End) AlongsideOthers(IReadOnlyList<PlanUnitKey> keys, int start)
    {
        var batch = new List<PlanUnit>();
        var end = start;
        for (; end < keys.Count; end++)
        {
            if (!_planned.TryGetValue(keys[end], out var unit) || unit.IsEmpty)
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

    private void ReportApplied(PlanUnit unit)
    {
        _output.Finished(unit.Key, UnitStatus.Applied);
        _output.Line($"  applied {unit.Key}: {unit.Steps.Count} step(s)");
    }

    private static string KindName(PlanUnitKey key) => key.Kind.ToString().ToLowerInvariant();
}
