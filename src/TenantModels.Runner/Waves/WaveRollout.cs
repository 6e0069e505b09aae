using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Commands;
using TenantModels.Runner.Logins;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Waves;

/// <summary>
/// apply of a bundle with rollout waves: each wave is an apply limited to its tenants (the selection machinery of
/// <c>--tenant</c>/<c>--tier</c>/<c>--where</c>) on every database, then a <c>verify</c> of those tenants; the next wave
/// starts only when that one is done. A wave that fails or drifts halts the rollout (<c>on_error: halt</c>, the
/// default): later waves are not started and are named; <c>on_error: continue</c> goes on.
/// </summary>
internal sealed class WaveRollout
{
    private readonly Reporter _reporter;
    private readonly Bundle _bundle;
    private readonly ApplySettings _settings;
    private readonly EveryDatabase _everyDatabase;

    /// <summary>Runs one action on every database the apply works on: the connection's, or each of a target map's.
    /// Null when the target map is unusable (reported, its exit code in <paramref name="error"/>).</summary>
    public delegate TargetResult[]? EveryDatabase(TargetMapRun.TargetAction action, bool quiet, out int error);

    public WaveRollout(Reporter reporter, Bundle bundle, ApplySettings settings, EveryDatabase everyDatabase)
    {
        _reporter = reporter;
        _bundle = bundle;
        _settings = settings;
        _everyDatabase = everyDatabase;
    }

    /// <summary>Per wave, with a target map: the per-target table.</summary>
    public Action<IReadOnlyList<TargetResult>>? PrintTargets { get; init; }

    /// <summary>Once every wave run succeeded: the logins of their tenants (<c>--logins</c>); null without.</summary>
    public Func<Func<BundleTenant, bool>, TargetMapRun.TargetAction>? Logins { get; init; }

    public int Run(IReadOnlyList<RolloutWave> waves)
    {
        var manifest = _bundle.Manifest;
        var results = new List<WaveResult>();
        var exitCodes = new List<int>();
        string? halted = null;
        DiagnosticResult? haltDiagnostic = null;
        for (var i = 0; i < waves.Count; i++)
        {
            var wave = waves[i];
            var jobs = wave.Jobs ?? _settings.Jobs;
            _reporter.Line($"Wave {wave.Name} ({i + 1} of {waves.Count}): {wave.Criteria}; jobs {jobs.ToString(CultureInfo.InvariantCulture)}; on error: {wave.OnError}");
            var result = RunWave(wave, _settings with { Selection = wave.Selection, Jobs = jobs }, out var mapError);
            if (result is null)
            {
                return mapError;
            }

            results.Add(result);
            exitCodes.Add(result.ExitCode);
            _reporter.Line($"Wave {wave.Name}: {Outcome(result)}.");
            if (result.ExitCode != ExitCodes.Success && wave.OnError == Core.Waves.BundleWave.Halt && i < waves.Count - 1)
            {
                var untouched = waves.Skip(i + 1).ToList();
                halted = wave.Name;
                _reporter.Line(string.Empty);
                var diagnostic = RunnerDiagnostics.RolloutHalted.At(SourceLocation.None, wave.Name, Outcome(result), string.Join(", ", untouched.Select(w => w.Name)));
                _reporter.Error(diagnostic);
                haltDiagnostic = new DiagnosticResult(diagnostic.Code, diagnostic.Message);
                results.AddRange(untouched.Select(w => new WaveResult(w.Name, NotStarted, ExitCodes.Success, null, null, null)));
                break;
            }
        }

        var exit = TargetMapRun.CombinedExitCode(exitCodes);
        if (exit == ExitCodes.Success && Logins is { } logins)
        {
            var ran = waves.Select(w => w.Selection).ToList();
            var loginResults = _everyDatabase(logins(t => ran.Any(s => s.Matches(t))), _reporter.Json, out var mapError);
            exit = loginResults is null ? mapError : TargetMapRun.CombinedExitCode(loginResults.Select(r => r.ExitCode));
        }

        var status = halted is not null ? "halted"
            : exit == ExitCodes.Success ? (results.All(r => r.Status is "up-to-date" or "empty") ? "up-to-date" : "applied")
            : results.Any(r => r.ExitCode == ExitCodes.Success && r.Status != "empty") ? "partial" : "failed";
        var applied = results.SelectMany(r => r.Targets ?? Array.Empty<TargetResult>()).ToList();
        _reporter.WriteJson(new RunResult("apply", status, exit, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
            applied.SelectMany(t => t.Steps).ToList(),
            Diagnostics: applied.SelectMany(t => t.Diagnostics).Concat(haltDiagnostic is null ? Array.Empty<DiagnosticResult>() : new[] { haltDiagnostic }).ToList() is { Count: > 0 } diagnostics ? diagnostics : null)
        {
            Units = applied.SelectMany(t => t.Units).ToList(),
            Waves = results,
        });
        return exit;
    }

    /// <summary>Applies the wave on every database, then verifies its tenants where the apply succeeded. Null: the target map is unusable.</summary>
    private WaveResult? RunWave(RolloutWave wave, ApplySettings settings, out int mapError)
    {
        var applied = _everyDatabase((target, output, connection, database, include) => new TargetDeployer(_bundle, settings, output, target).Apply(connection, database, include), _reporter.Json, out mapError);
        if (applied is null)
        {
            return null;
        }

        var tenants = wave.Selection.ToResult().Matched;
        PrintTargets?.Invoke(applied);
        if (applied.All(r => r.Status == SelectedTarget.NotSelected))
        {
            return new WaveResult(wave.Name, "empty", ExitCodes.Success, tenants, applied, null);
        }

        var failed = applied.Where(r => r.ExitCode != ExitCodes.Success).ToList();
        if (failed.Count > 0)
        {
            var status = failed.Select(r => r.Status).Distinct().Count() == 1 ? failed[0].Status : "failed";
            return new WaveResult(wave.Name, status, TargetMapRun.CombinedExitCode(failed.Select(r => r.ExitCode)), tenants, applied, null);
        }

        // The wave's own verification: the same comparison as `verify`, limited to the wave's tenants and the shared objects.
        var applyDatabases = new HashSet<string>(applied.Where(r => r.Status != SelectedTarget.NotSelected).Select(r => r.Target), StringComparer.Ordinal);
        var verified = _everyDatabase(
            (target, output, connection, _, include) => applyDatabases.Contains(target)
                ? VerifyCommand.VerifyTarget(_bundle, target, output, connection, include, wave.Selection, settings.ReplaceProject)
                : new TargetResult(target, SelectedTarget.NotSelected, ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>()),
            _reporter.Json || _reporter.Quiet,
            out mapError);
        if (verified is null)
        {
            return null;
        }

        var drift = verified.SelectMany(r => r.Drift ?? Array.Empty<DriftResult>()).ToList();
        var exit = TargetMapRun.CombinedExitCode(verified.Select(r => r.ExitCode));
        var verifiedStatus = exit == ExitCodes.Success
            ? (applied.All(r => r.Status is "up-to-date" || r.Status == SelectedTarget.NotSelected) ? "up-to-date" : "applied")
            : exit == ExitCodes.Drift ? "drift" : "failed";
        return new WaveResult(wave.Name, verifiedStatus, exit, tenants, applied, drift.Count == 0 ? null : drift);
    }

    private static string Outcome(WaveResult result) => result.Status switch
    {
        "applied" => $"applied and verified ({Count(result)} tenant(s))",
        "up-to-date" => $"up to date and verified ({Count(result)} tenant(s))",
        "empty" => "no tenant of it in any database, nothing to do",
        "drift" => $"applied, but its verification found drift ({result.Drift?.Count ?? 0} object(s))",
        "refused" => "refused before any change",
        "failed" or "partial" when FailedTransactions(result) is > 0 and var failed => $"{failed.ToString(CultureInfo.InvariantCulture)} transaction(s) failed",
        _ => $"{result.Status} (exit {result.ExitCode.ToString(CultureInfo.InvariantCulture)})",
    };

    private static int FailedTransactions(WaveResult result) =>
        (result.Targets ?? Array.Empty<TargetResult>()).Sum(t => t.Units.Count(u => u.Status == UnitStatus.Failed));

    private static string Count(WaveResult result) => (result.Tenants?.Count ?? 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>The status of a wave a halted rollout did not start.</summary>
    public const string NotStarted = "not-started";
}
