using System;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Logins;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;

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

        if (options.Targets is not null)
        {
            return logins is null
                ? new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets, options.Parallel) { Progress = progress, UnitLines = unitLines }
                    .Run((target, output) => new TargetDeployer(preflight.Bundle, settings, output, target))
                : new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets, options.Parallel) { Progress = progress, UnitLines = unitLines }
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
