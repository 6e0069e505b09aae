using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Selection;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>plan</c>: reads the record, prints each transaction's exact SQL, names every object that would lose data, and
/// says whether <c>apply</c> with the same options would refuse (exit 7); never writes (not even the runner schema).
/// With <c>--targets</c>, one plan per database of the map.
/// </summary>
internal sealed class PlanCommand
{
    private readonly RunnerContext _context;

    public PlanCommand(RunnerContext context) => _context = context;

    public int Run(PlanOptions options) => ReadOnlyCommand.Run(
        _context,
        "plan",
        (options.BundleDirectory, options.Connection, options.Json, options.Targets, options.Parallel, options.Selection),
        (bundle, name, output, connectionString, include, selection) => PlanTarget(bundle, name, output, connectionString, include, selection, options),
        exit => exit == ExitCodes.Success ? null : exit == ExitCodes.ApplyWouldRefuse ? WouldRefuse : "failed",
        "planned",
        (result, manifest) => new RunResult("plan", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash, result.Steps,
            Diagnostics: result.Diagnostics.Count == 0 ? null : result.Diagnostics));

    /// <summary>The status of a plan that apply would refuse.</summary>
    private const string WouldRefuse = "would-refuse";

    private static TargetResult PlanTarget(Bundle bundle, string name, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include, TenantSelection? selection, PlanOptions options)
    {
        var manifest = bundle.Manifest;
        if (include is null && DatabaseIsolationGuard.Refusal(manifest, selection, name) is { } oneDatabase)
        {
            return ApplyWouldRefuse(name, output, oneDatabase, Array.Empty<StepResult>());
        }

        DeploymentPlan plan;
        LastDeployment? last;
        try
        {
            using var dataSource = RunnerDataSource.Create(connectionString);
            using var connection = dataSource.OpenConnection();

            if (Citus.CitusReadiness.Refusal(connection, manifest, name) is { } notCitus)
            {
                output.Error(Reporter.Format(notCitus));
                return new TargetResult(name, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(notCitus.Code, notCitus.Message) });
            }

            // apply checks the bundle against the last deployment before it plans: so does plan, and shows no plan
            // for a bundle apply would not plan (another project's would be a drop of everything deployed).
            last = DeploymentRecord.ReadLast(connection);
            if (last is not null
                && BundleVersionGate.Refusal(last.Project, last.BundleVersion, last.ContentHash, manifest, options.AllowSameVersion, options.ReplaceProject) is { } refusal)
            {
                return ApplyWouldRefuse(name, output, refusal, Array.Empty<StepResult>());
            }

            var records = LiveDatabase.Compare(connection, bundle).Records;
            var narrowed = SelectedTarget.Narrow(selection, DeploymentTarget.For(bundle, RuntimeTenants.Read(connection, null), include), records.Select(r => r.TenantId), name, strict: include is null);
            if (SelectedTarget.Stop(narrowed, name, output) is { } stop)
            {
                return stop;
            }

            plan = DeploymentPlanner.Plan(narrowed.Target!, records);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            var diagnostic = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read what is deployed", ErrorCause.Of(e));
            output.Error(Reporter.Format(diagnostic));
            return new TargetResult(name, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) });
        }

        if (plan.IsEmpty)
        {
            output.Line($"No changes: the database matches {manifest.Project} {manifest.BundleVersion}.");
        }
        else
        {
            output.Line($"-- Plan for {manifest.Project} {manifest.BundleVersion}: {plan.Steps.Count} step(s) in {plan.Units.Count} transaction(s)");
            foreach (var retry in last?.Retries(manifest.ContentHash, plan) ?? System.Array.Empty<string>())
            {
                output.Line("-- RETRY: " + retry);
            }

            foreach (var unit in plan.Units)
            {
                output.Line(string.Empty);
                output.Line(Reporter.UnitHeader(unit));
                foreach (var step in unit.Steps)
                {
                    output.Line(string.Empty);
                    output.Line(Reporter.StepHeader(step));
                    foreach (var line in step.Sql.TrimEnd('\n').Split('\n'))
                    {
                        output.Line(line);
                    }
                }
            }
        }

        foreach (var blocker in plan.Blockers)
        {
            output.Line($"-- BLOCKED: {blocker}");
        }

        var losses = plan.DataLossSteps;
        if (losses.Count > 0)
        {
            output.Line(string.Empty);
            output.Line($"-- DATA LOSS: this plan drops {losses.Count} object(s) that may hold data: {DataLoss.Describe(losses)}.");
            output.Line(options.AllowDataLoss
                ? "-- apply --allow-data-loss drops them."
                : "-- apply refuses it unless --allow-data-loss is given.");
        }

        var steps = Reporter.Steps(plan);
        if (PlanRefusal.Of(plan, options.AllowDataLoss) is { } planRefusal)
        {
            return ApplyWouldRefuse(name, output, planRefusal, steps);
        }

        return new TargetResult(name, plan.IsEmpty ? "up-to-date" : "planned", ExitCodes.Success, steps, Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>());
    }

    /// <summary>
    /// The plan (if any) stands, with the diagnostic apply would report: as text on stdout, in the canonical form on
    /// stderr, and exit 7 rather than apply's 6, since plan itself refused nothing.
    /// </summary>
    private static TargetResult ApplyWouldRefuse(string name, TargetOutput output, Diagnostic refusal, IReadOnlyList<StepResult> steps)
    {
        output.Line(string.Empty);
        output.Line($"-- APPLY WOULD REFUSE ({refusal.Code}): {refusal.Message}");
        output.Error(Reporter.Format(refusal));
        return new TargetResult(name, WouldRefuse, ExitCodes.ApplyWouldRefuse, steps, Array.Empty<UnitResult>(), new[] { new DiagnosticResult(refusal.Code, refusal.Message) });
    }
}
