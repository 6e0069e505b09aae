using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Logins;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;
using TenantModels.Runner.Waves;

namespace TenantModels.Runner.Commands;

/// <summary><c>apply</c>: one database (<see cref="TargetDeployer"/>), or every database of a target map in parallel.</summary>
internal sealed class ApplyCommand
{
    private readonly RunnerContext _context;

    public ApplyCommand(RunnerContext context) => _context = context;

    /// <summary>Shown as <see cref="OperatorOutput"/> says: live on a terminal, plain lines redirected, and the closing summary.</summary>
    public int Run(ApplyOptions options)
    {
        var progress = new UnitProgress();
        return OperatorOutput.Run(_context, options.Json, options.Quiet, options.Verbose, progress, (context, unitLines) => new ApplyCommand(context).Apply(options, progress, unitLines));
    }

    /// <param name="unitLines">Whether a line is printed per transaction (not under the live display, nor with --quiet).</param>
    private int Apply(ApplyOptions options, UnitProgress progress, bool unitLines)
    {
        var reporter = new Reporter(_context, "apply", options.Json) { Quiet = options.Quiet };
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode, needsConnection: options.Targets is null);
        if (preflight is null)
        {
            return exitCode;
        }

        if (!reporter.TrySelect(options.Selection, preflight.Bundle.Manifest, out exitCode))
        {
            return exitCode;
        }

        var settings = new ApplySettings(
            TimeSpan.FromSeconds(options.LockWaitSeconds),
            options.LockTimeoutSeconds,
            options.StatementTimeoutSeconds,
            options.FailFast,
            options.AllowDataLoss,
            options.AllowSameVersion,
            options.Jobs,
            options.ReplaceProject,
            reporter.Selection);
        var manifest = preflight.Bundle.Manifest;
        var (logins, loginsExit) = LoginsCommand.Prepare(_context, reporter, options.Logins, manifest);
        if (loginsExit != ExitCodes.Success)
        {
            return loginsExit;
        }

        if (RolloutOf(reporter, manifest, options, out exitCode) is { } waves)
        {
            return waves.Count == 0 ? exitCode : Rollout(options, preflight, settings, reporter, waves, logins, progress, unitLines);
        }

        if (options.Targets is not null)
        {
            return logins is null
                ? new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets, options.Parallel) { Progress = progress, UnitLines = unitLines, CreateDatabases = options.CreateDatabases }
                    .Run((target, output) => new TargetDeployer(preflight.Bundle, settings, output, target))
                : new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets, options.Parallel) { Progress = progress, UnitLines = unitLines, CreateDatabases = options.CreateDatabases }
                    .Run((target, output, connection, database, include) => WithLogins(
                        new TargetDeployer(preflight.Bundle, settings, output, target).Apply(connection, database, include),
                        () => LoginApplier.Apply(target, connection, logins, LoginsCommand.Holds(manifest, t => include(t) && Selected(reporter, t)), output)),
                        exit => exit == ExitCodes.Success ? null : "failed", "applied");
        }

        if (DatabaseIsolationGuard.Refusal(manifest, reporter.Selection, preflight.Database) is { } oneDatabase)
        {
            return reporter.Fail(ExitCodes.Refused, oneDatabase);
        }

        var output = TargetOutput.Direct(_context.Out, _context.Error, quiet: options.Json || !unitLines, progress);
        var result = new TargetDeployer(preflight.Bundle, settings, output, preflight.Database).Apply(preflight.ConnectionString, preflight.Database, null);
        if (logins is not null)
        {
            // With a selection, the logins of the selected tenants (and the tenant-less ones): the others' roles may not exist yet.
            var holds = reporter.Selection is null ? null : LoginsCommand.Holds(manifest, t => Selected(reporter, t));
            result = WithLogins(result, () => LoginApplier.Apply(preflight.Database, preflight.ConnectionString, logins, holds, output));
        }

        reporter.WriteJson(new RunResult("apply", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
            result.Steps, Diagnostics: result.Diagnostics.Count == 0 ? null : result.Diagnostics)
        { Units = result.Units });
        return result.ExitCode;
    }

    /// <summary>
    /// The waves to run: all of the bundle's (no selection given), or the one <c>--wave</c> names; null to apply as
    /// without waves (no waves, or a <c>--tenant</c>/<c>--tier</c>/<c>--where</c> selection); empty when <c>--wave</c> names
    /// no wave (reported, TM3063, its exit code in <paramref name="exitCode"/>).
    /// </summary>
    private static IReadOnlyList<RolloutWave>? RolloutOf(Reporter reporter, BundleManifest manifest, ApplyOptions options, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        var waves = RolloutWave.Of(manifest);
        if (options.Wave is null)
        {
            return waves.Count > 0 && reporter.Selection is null ? waves : null;
        }

        if (RolloutWave.Find(manifest, options.Wave, out var error) is { } wave)
        {
            return new[] { wave };
        }

        exitCode = reporter.Fail(ExitCodes.UsageError, error!);
        return Array.Empty<RolloutWave>();
    }

    private int Rollout(ApplyOptions options, Preflight preflight, ApplySettings settings, Reporter reporter, IReadOnlyList<RolloutWave> waves,
        IReadOnlyList<LoginSpec>? logins, UnitProgress progress, bool unitLines)
    {
        var manifest = preflight.Bundle.Manifest;
        Func<Func<BundleTenant, bool>, TargetMapRun.TargetAction>? loginStep = logins is null ? null
            : ran => (target, output, connection, _, include) => LoginApplier.Apply(target, connection, logins, LoginsCommand.Holds(manifest, t => include(t) && ran(t)), output);
        if (options.Targets is not null)
        {
            var map = new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets, options.Parallel) { Progress = progress, UnitLines = unitLines, CreateDatabases = options.CreateDatabases };
            return new WaveRollout(reporter, preflight.Bundle, settings, (TargetMapRun.TargetAction action, bool _, out int error) => map.RunEach(action, out error))
            {
                PrintTargets = map.PrintTable,
                Logins = loginStep,
            }.Run(waves);
        }

        if (waves.Select(w => DatabaseIsolationGuard.Refusal(manifest, w.Selection, preflight.Database)).FirstOrDefault(r => r is not null) is { } oneDatabase)
        {
            return reporter.Fail(ExitCodes.Refused, oneDatabase);
        }

        // One database: a wave that holds none of its tenants is skipped, not an error (include: every tenant is here).
        return new WaveRollout(reporter, preflight.Bundle, settings, (TargetMapRun.TargetAction action, bool quiet, out int error) =>
        {
            error = ExitCodes.Success;
            var output = TargetOutput.Direct(_context.Out, _context.Error, quiet: quiet || !unitLines, progress);
            return new[] { action(preflight.Database, output, preflight.ConnectionString, preflight.Database, _ => true) };
        })
        {
            Logins = loginStep,
        }.Run(waves);
    }

    private static bool Selected(Reporter reporter, BundleTenant tenant) => reporter.Selection?.Matches(tenant) ?? true;

    /// <summary>Logins follow a fully successful apply (their roles must exist); a failed login step fails the target.</summary>
    private static TargetResult WithLogins(TargetResult applied, Func<TargetResult> logins)
    {
        if (applied.ExitCode != ExitCodes.Success)
        {
            return applied;
        }

        var result = logins();
        return result.ExitCode == ExitCodes.Success
            ? applied
            : applied with { Status = "failed", ExitCode = result.ExitCode, Diagnostics = applied.Diagnostics.Concat(result.Diagnostics).ToList() };
    }
}
