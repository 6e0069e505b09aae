using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary><c>status</c>: the last deployment, the tenants that have artefacts deployed, and how much of the bundle is pending. Read-only.</summary>
internal sealed class StatusCommand
{
    private readonly RunnerContext _context;

    public StatusCommand(RunnerContext context) => _context = context;

    public int Run(StatusOptions options)
    {
        var reporter = new Reporter(_context, "status", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        LastDeployment? last;
        IReadOnlyList<DeployedArtefact> recorded;
        IReadOnlyList<Core.Bundling.BundleTenant> runtime;
        try
        {
            using var dataSource = NpgsqlDataSource.Create(preflight.ConnectionString);
            using var connection = dataSource.OpenConnection();
            recorded = DeploymentRecord.Read(connection, null);
            runtime = RuntimeTenants.Read(connection, null);
            last = DeploymentRecord.ReadLast(connection);
        }
        catch (System.Exception e) when (e is NpgsqlException or System.InvalidOperationException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read what is deployed", e.Message));
        }

        var plan = DeploymentPlanner.Plan(DeploymentTarget.For(preflight.Bundle, runtime), recorded);
        var tenants = recorded.Where(r => r.TenantId is not null).Select(r => r.TenantId!).Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToList();
        var manifest = preflight.Bundle.Manifest;

        reporter.Line($"Bundle:   {manifest.Project} {manifest.BundleVersion} ({manifest.ContentHash})");
        reporter.Line(last is null
            ? "Deployed: nothing yet"
            : $"Deployed: {last.Project} {last.BundleVersion} at {last.AppliedAt.ToString("u", CultureInfo.InvariantCulture)}, {recorded.Count} artefact instance(s)");
        reporter.Line($"Tenants:  {(tenants.Count == 0 ? "none" : string.Join(", ", tenants))}");
        reporter.Line(plan.IsEmpty ? "Pending:  none" : $"Pending:  {plan.Steps.Count} step(s) (run `tenantmodels plan` to see them)");

        var deployed = last is null
            ? null
            : new DeployedResult(last.Project, last.BundleVersion, last.ContentHash, last.AppliedAt.ToString("o", CultureInfo.InvariantCulture), recorded.Count, tenants);
        reporter.WriteJson(new RunResult("status", plan.IsEmpty ? "up-to-date" : "pending", ExitCodes.Success,
            manifest.Project, manifest.BundleVersion, manifest.ContentHash, Reporter.Steps(plan), deployed));
        return ExitCodes.Success;
    }
}
