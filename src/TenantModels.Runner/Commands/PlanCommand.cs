using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>plan</c>: reads the record, prints each transaction's exact SQL, names every object that would lose data;
/// never writes (not even the runner schema).
/// </summary>
internal sealed class PlanCommand
{
    private readonly RunnerContext _context;

    public PlanCommand(RunnerContext context) => _context = context;

    public int Run(PlanOptions options)
    {
        var reporter = new Reporter(_context, "plan", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        DeploymentPlan plan;
        try
        {
            using var dataSource = NpgsqlDataSource.Create(preflight.ConnectionString);
            using var connection = dataSource.OpenConnection();
            var target = DeploymentTarget.For(preflight.Bundle, RuntimeTenants.Read(connection, null));
            plan = DeploymentPlanner.Plan(target, DeploymentRecord.Read(connection, null));
        }
        catch (System.Exception e) when (e is NpgsqlException or System.InvalidOperationException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read what is deployed", e.Message));
        }

        var manifest = preflight.Bundle.Manifest;
        if (plan.IsEmpty)
        {
            reporter.Line($"No changes: the database matches {manifest.Project} {manifest.BundleVersion}.");
        }
        else
        {
            reporter.Line($"-- Plan for {manifest.Project} {manifest.BundleVersion}: {plan.Steps.Count} step(s) in {plan.Units.Count} transaction(s)");
            foreach (var unit in plan.Units)
            {
                reporter.Line(string.Empty);
                reporter.Line(Reporter.UnitHeader(unit));
                foreach (var step in unit.Steps)
                {
                    reporter.Line(string.Empty);
                    reporter.Line(Reporter.StepHeader(step));
                    reporter.Line(step.Sql.TrimEnd('\n'));
                }
            }
        }

        foreach (var blocker in plan.Blockers)
        {
            reporter.Line($"-- BLOCKED: {blocker}");
        }

        var losses = plan.DataLossSteps;
        if (losses.Count > 0)
        {
            reporter.Line(string.Empty);
            reporter.Line($"-- DATA LOSS: this plan drops {losses.Count} object(s) that may hold data: {DataLoss.Describe(losses)}.");
            reporter.Line("-- apply refuses it unless --allow-data-loss is given.");
        }

        reporter.WriteJson(new RunResult("plan", plan.IsEmpty ? "up-to-date" : "planned", ExitCodes.Success,
            manifest.Project, manifest.BundleVersion, manifest.ContentHash, Reporter.Steps(plan)));
        return ExitCodes.Success;
    }
}
