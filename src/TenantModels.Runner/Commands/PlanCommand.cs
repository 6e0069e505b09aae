using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary><c>plan</c>: reads the record, prints each step's exact SQL; never writes (not even the runner schema).</summary>
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
            plan = DeploymentPlanner.Plan(preflight.Bundle, DeploymentRecord.Read(connection, null));
        }
        catch (NpgsqlException e)
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
            reporter.Line($"-- Plan for {manifest.Project} {manifest.BundleVersion}: {plan.Steps.Count} step(s)");
            foreach (var step in plan.Steps)
            {
                reporter.Line(string.Empty);
                reporter.Line(Reporter.StepHeader(step));
                reporter.Line(step.Instance.Sql.TrimEnd('\n'));
            }
        }

        reporter.WriteJson(new RunResult("plan", plan.IsEmpty ? "up-to-date" : "planned", ExitCodes.Success,
            manifest.Project, manifest.BundleVersion, manifest.ContentHash, Reporter.Steps(plan)));
        return ExitCodes.Success;
    }
}
