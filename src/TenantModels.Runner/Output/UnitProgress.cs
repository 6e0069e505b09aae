using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Output;

/// <summary>
/// How far an apply or a refresh is, across every database it works on: transactions planned, done, failed, skipped
/// and (apply) up to date, and which are running now. Fed from the threads that run the units (<c>--jobs</c>,
/// <c>--parallel</c>), read by the live display and the closing summary. Thread-safe.
/// </summary>
internal sealed class UnitProgress
{
    private readonly string _done;
    private readonly bool _countsUpToDate;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _inFlight = new();
    private int _total;
    private int _applied;
    private int _failed;
    private int _skipped;
    private int _upToDate;

    /// <param name="done">What a committed transaction is called in the summary: applied, refreshed.</param>
    /// <param name="countsUpToDate">Whether the summary counts the transactions with nothing to do (apply plans them; refresh has none).</param>
    public UnitProgress(string done = "applied", bool countsUpToDate = true)
    {
        _done = done;
        _countsUpToDate = countsUpToDate;
    }

    /// <summary>Called after every change, from the thread that made it.</summary>
    public event Action? Changed;

    /// <summary>True once a database was planned: before that (a bad bundle, a refused apply) there is nothing to sum up.</summary>
    public bool Planned { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Transactions finished, whatever their outcome.</summary>
    public int Done
    {
        get
        {
            lock (_gate)
            {
                return _applied + _failed + _skipped;
            }
        }
    }

    public int Failed
    {
        get
        {
            lock (_gate)
            {
                return _failed;
            }
        }
    }

    /// <summary>A database's plan: its transactions to run, and those with nothing to do (global, each selected tenant, unions).</summary>
    public void Plan(DeploymentPlan plan, DeploymentTarget target)
    {
        var units = plan.Units.Count(u => !u.IsEmpty);

        // Every selected tenant, the global and the union transaction; removals are extra units with no tenant of the target.
        var keys = 2 + target.Tenants.Count(t => target.IsSelected(t.Id));
        Plan(units, Math.Max(0, keys - plan.Units.Count(u => !u.IsEmpty && !u.Removal)));
    }

    /// <summary>A database's transactions to run, and how many had nothing to do.</summary>
    public void Plan(int units, int upToDate)
    {
        Update(() =>
        {
            Planned = true;
            _total += units;
            _upToDate += upToDate;
        });
    }

    public void Started(string prefix, PlanUnitKey key) => Update(() => _inFlight.Add(Label(prefix, key)));

    /// <summary>A unit run alongside others that did not commit: it leaves the display and will be run again alone.</summary>
    public void Requeued(string prefix, PlanUnitKey key) => Update(() => _inFlight.Remove(Label(prefix, key)));

    public void Finished(string prefix, PlanUnitKey key, UnitStatus status) => Update(() =>
    {
        _inFlight.Remove(Label(prefix, key));
        switch (status)
        {
            case UnitStatus.Failed:
                _failed++;
                break;
            case UnitStatus.Skipped:
                _skipped++;
                break;
            default:
                _applied++;
                break;
        }
    });

    /// <summary>The live display's line: done/total, failures, and what runs now (the first few; how many more).</summary>
    public string Describe()
    {
        lock (_gate)
        {
            if (!Planned)
            {
                return "connecting and planning...";
            }

            const int shown = 3;
            var running = _inFlight.Count == 0 ? string.Empty
                : " - running: " + string.Join(", ", _inFlight.Take(shown)) + (_inFlight.Count > shown ? $" (+{_inFlight.Count - shown})" : string.Empty);
            return string.Create(CultureInfo.InvariantCulture, $"{_applied + _failed + _skipped}/{_total} transaction(s), {_failed} failed{running}");
        }
    }

    /// <summary>The closing line: how long it took and how every transaction ended.</summary>
    public string Summary()
    {
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Finished in {Duration(Elapsed)}: {_applied} {_done}, {_failed} failed, {_skipped} skipped{(_countsUpToDate ? $", {_upToDate} up-to-date" : string.Empty)}.");
        }
    }

    /// <summary>Seconds with one decimal below a minute, then minutes and seconds: 0.4s, 12.0s, 3m07s.</summary>
    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds < 60
        ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s");

    private static string Label(string prefix, PlanUnitKey key) => prefix + key;

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
        }

        Changed?.Invoke();
    }
}
