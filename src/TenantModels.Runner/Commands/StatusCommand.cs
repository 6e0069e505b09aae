using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary><c>status</c>: the last deployment, the tenants that have artefacts deployed, and how much of the bundle is pending. Read-only.</summary>
internal sealed class StatusCommand
{
    private readonly RunnerContext _context;

    public StatusCommand(RunnerContext context) => _context = context;

    public int Run(StatusOptions options)
    {
        var reporter = new Reporter(_context, "status", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode, needsConnection: options.Targets is null);
        if (preflight is null)
        {
            return exitCode;
        }

        var bundle = preflight.Bundle;
        if (options.Targets is not null)
        {
            return new TargetMapRun(_context, reporter, bundle, options.Targets, options.Parallel)
                .Run((target, output, connection, _, include) => StatusOf(bundle, target, output, connection, include),
                    exit => exit == ExitCodes.Success ? null : "failed", "pending");
        }

        var result = StatusOf(bundle, preflight.Database, TargetOutput.Direct(_context.Out, _context.Error, quiet: options.Json), preflight.ConnectionString, null);
        var manifest = bundle.Manifest;
        reporter.WriteJson(result.Status == "error"
            ? new RunResult("status", "error", result.ExitCode, Diagnostics: result.Diagnostics)
            : new RunResult("status", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash, result.Steps, result.Deployed));
        return result.ExitCode;
    }

    private static TargetResult StatusOf(Bundle bundle, string name, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include)
    {
        LastDeployment? last;
        IReadOnlyList<DeployedArtefact> recorded;
        IReadOnlyList<BundleTenant> runtime;
        try
        {
            using var dataSource = NpgsqlDataSource.Create(connectionString);
            using var connection = dataSource.OpenConnection();
            recorded = DeploymentRecord.Read(connection, null);
            runtime = RuntimeTenants.Read(connection, null);
            last = DeploymentRecord.ReadLast(connection);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            var diagnostic = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read what is deployed", e.Message);
            output.Error(Reporter.Format(diagnostic));
            return new TargetResult(name, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) });
        }

        var plan = DeploymentPlanner.Plan(DeploymentTarget.For(bundle, runtime, include), recorded);
        var tenants = recorded.Where(r => r.TenantId is not null).Select(r => r.TenantId!).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        var manifest = bundle.Manifest;

        output.Line($"Bundle:   {manifest.Project} {manifest.BundleVersion} ({manifest.ContentHash})");
        output.Line(last is null
            ? "Deployed: nothing yet"
            : $"Deployed: {last.Project} {last.BundleVersion} at {last.AppliedAt.ToString("u", CultureInfo.InvariantCulture)}, {recorded.Count} artefact instance(s)");
        output.Line($"Tenants:  {(tenants.Count == 0 ? "none" : string.Join(", ", tenants))}");
        output.Line(plan.IsEmpty ? "Pending:  none" : $"Pending:  {plan.Steps.Count} step(s) (run `tenantmodels plan` to see them)");

        var deployed = last is null
            ? null
            : new DeployedResult(last.Project, last.BundleVersion, last.ContentHash, last.AppliedAt.ToString("o", CultureInfo.InvariantCulture), recorded.Count, tenants);
        return new TargetResult(name, plan.IsEmpty ? "up-to-date" : "pending", ExitCodes.Success, Reporter.Steps(plan), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>())
        {
            Deployed = deployed,
        };
    }
}
