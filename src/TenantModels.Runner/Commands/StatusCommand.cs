using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary><c>status</c>: the last deployment, the tenants that have artefacts deployed, and how much of the bundle is pending. Read-only.</summary>
internal sealed class StatusCommand
{
    private readonly RunnerContext _context;

    public StatusCommand(RunnerContext context) => _context = context;

    public int Run(StatusOptions options) => ReadOnlyCommand.Run(
        _context,
        "status",
        (options.BundleDirectory, options.Connection, options.Json, options.Targets, options.Parallel, options.Selection),
        (bundle, name, output, connectionString, include, selection) => StatusOf(bundle, name, output, connectionString, include, selection, options.ReplaceProject),
        exit => exit == ExitCodes.Success ? null : exit == ExitCodes.Refused ? "refused" : "failed",
        "pending",
        (result, manifest) => new RunResult("status", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash, result.Steps, result.Deployed,
            result.Diagnostics.Count == 0 ? null : result.Diagnostics));

    private static TargetResult StatusOf(Bundle bundle, string name, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include, TenantSelection? selection, string? replaceProject)
    {
        LastDeployment? last;
        bool inProgress;
        IReadOnlyList<DeployedArtefact> recorded;
        IReadOnlyList<BundleTenant> runtime;
        IReadOnlyDictionary<string, string>? nodes = null;
        try
        {
            using var dataSource = RunnerDataSource.Create(connectionString);
            using var connection = dataSource.OpenConnection();
            recorded = LiveDatabase.Compare(connection, bundle).Records;
            runtime = RuntimeTenants.Read(connection, null);
            last = DeploymentRecord.ReadLast(connection);
            inProgress = last?.Outcome == DeploymentOutcome.Running && DeploymentLock.IsHeld(connection);
            if (Citus.CitusTarget.Is(bundle.Manifest))
            {
                nodes = Citus.TenantPlacements.Read(connection, bundle.Manifest, recorded.Where(r => r.TenantId is not null).Select(r => r.TenantId!));
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            var diagnostic = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read what is deployed", ErrorCause.Of(e));
            output.Error(Reporter.Format(diagnostic));
            return new TargetResult(name, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) });
        }

        // With a selection, only the selected tenants are reported: their deployed objects and pending steps (and the shared ones').
        var narrowed = SelectedTarget.Narrow(selection, DeploymentTarget.For(bundle, runtime, include), recorded.Select(r => r.TenantId), name, strict: include is null);
        if (SelectedTarget.Stop(narrowed, name, output) is { } stop)
        {
            return stop;
        }

        var target = narrowed.Target!;
        var tenants = recorded.Where(r => r.TenantId is not null && target.IsSelected(r.TenantId)).Select(r => r.TenantId!).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        var manifest = bundle.Manifest;

        output.Line($"Bundle:   {manifest.Project} {manifest.BundleVersion} ({manifest.ContentHash})");
        output.Line(last is null
            ? "Deployed: nothing yet"
            : $"Deployed: {last.Project} {last.BundleVersion} at {last.AppliedAt.ToString("u", CultureInfo.InvariantCulture)}, {recorded.Count} artefact instance(s)"
                + (last.Selection is { } limited ? $", to the tenants of `{limited}` only (the others are where earlier deployments left them)" : string.Empty));
        if (last?.Outcome is DeploymentOutcome.Running)
        {
            output.Line(inProgress
                ? $"Running:  an apply of {last.Project} {last.BundleVersion} is in progress ({last.Steps} step(s) committed so far)"
                : $"Interrupted: the apply of {last.Project} {last.BundleVersion} started at {last.AppliedAt.ToString("u", CultureInfo.InvariantCulture)} stopped after {last.Steps} step(s); run `tenantmodels apply` to finish it");
        }

        if (last?.Outcome is DeploymentOutcome.Partial)
        {
            foreach (var (unit, reason) in last.Failures)
            {
                output.Line($"Failed:   {unit} in the last apply ({reason})");
            }
        }

        output.Line($"Tenants:  {(tenants.Count == 0 ? "none" : string.Join(", ", tenants))}");
        if (nodes is not null)
        {
            // Citus: the worker each tenant's schemas live on (tenants move changes it).
            foreach (var tenant in tenants)
            {
                output.Line($"  {tenant} on {nodes[tenant]}");
            }
        }

        foreach (var line in Schedules.ScheduleStatus.Read(connectionString, manifest, tenants))
        {
            output.Line(line);
        }

        var deployed = last is null
            ? null
            : new DeployedResult(last.Project, last.BundleVersion, last.ContentHash, last.AppliedAt.ToString("o", CultureInfo.InvariantCulture), recorded.Count, tenants)
            {
                Outcome = last.Outcome == DeploymentOutcome.Running && !inProgress ? "interrupted" : last.Outcome.ToString().ToLowerInvariant(),
                Nodes = nodes is null ? null : tenants.ToDictionary(t => t, t => nodes[t], StringComparer.Ordinal),
            };

        // Pending steps of another project's bundle would be a drop of everything deployed: not a status worth showing.
        if (last is not null && BundleVersionGate.ProjectRefusal(last.Project, last.BundleVersion, manifest.Project, replaceProject) is { } otherProject)
        {
            output.Line("Pending:  not planned: the bundle is of another project (apply refuses it)");
            output.Error(Reporter.Format(otherProject));
            return new TargetResult(name, "refused", ExitCodes.Refused, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(otherProject.Code, otherProject.Message) })
            {
                Deployed = deployed,
            };
        }

        var plan = DeploymentPlanner.Plan(target, recorded);
        output.Line(plan.IsEmpty ? "Pending:  none" : $"Pending:  {plan.Steps.Count} step(s) (run `tenantmodels plan` to see them)");
        return new TargetResult(name, plan.IsEmpty ? "up-to-date" : "pending", ExitCodes.Success, Reporter.Steps(plan), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>())
        {
            Deployed = deployed,
        };
    }
}
