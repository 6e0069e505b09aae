using System.Collections.Generic;
using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary><c>verify</c>: drift between the live catalog and the deployment record; read-only; exit 5 on drift.</summary>
internal sealed class VerifyCommand
{
    private readonly RunnerContext _context;

    public VerifyCommand(RunnerContext context) => _context = context;

    public int Run(VerifyOptions options)
    {
        var reporter = new Reporter(_context, "verify", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        IReadOnlyList<DriftResult> drift;
        try
        {
            using var dataSource = NpgsqlDataSource.Create(preflight.ConnectionString);
            using var connection = dataSource.OpenConnection();
            drift = DriftDetector.Find(connection);
        }
        catch (System.Exception e) when (e is NpgsqlException or System.InvalidOperationException or System.FormatException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read the catalog", e.Message));
        }

        var manifest = preflight.Bundle.Manifest;
        var result = new RunResult("verify", drift.Count == 0 ? "ok" : "drift", drift.Count == 0 ? ExitCodes.Success : ExitCodes.Drift,
            manifest.Project, manifest.BundleVersion, manifest.ContentHash) { Drift = drift };
        if (drift.Count == 0)
        {
            reporter.Line("No drift: every deployed object matches what was applied.");
            reporter.WriteJson(result);
            return ExitCodes.Success;
        }

        reporter.Line($"{"artefact",-32} {"tenant",-32} {"object",-48} problem");
        foreach (var d in drift)
        {
            reporter.Line($"{d.Artefact,-32} {d.Tenant ?? "-",-32} {d.Object,-48} {d.Problem}");
        }

        var diagnostic = RunnerDiagnostics.Drift.At(SourceLocation.None, drift.Count);
        _context.Error.WriteLine(Reporter.Format(diagnostic));
        reporter.WriteJson(result with { Diagnostics = new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) } });
        return ExitCodes.Drift;
    }
}
