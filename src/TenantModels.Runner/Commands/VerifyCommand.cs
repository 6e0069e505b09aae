using System;
using System.Collections.Generic;
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

/// <summary><c>verify</c>: what differs between the live database and the bundle (the comparison and plan <c>apply</c> starts from); read-only; exit 5 on drift.</summary>
internal sealed class VerifyCommand
{
    private readonly RunnerContext _context;

    public VerifyCommand(RunnerContext context) => _context = context;

    public int Run(VerifyOptions options) => ReadOnlyCommand.Run(
        _context,
        "verify",
        (options.BundleDirectory, options.Connection, options.Json, options.Targets, options.Parallel, options.Selection),
        (bundle, target, output, connection, include, selection) => VerifyTarget(bundle, target, output, connection, include, selection, options.ReplaceProject),
        exit => exit == ExitCodes.Success ? null : exit == ExitCodes.Drift ? "drift" : exit == ExitCodes.Refused ? "refused" : "failed",
        "ok",
        (result, manifest) => new RunResult("verify", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
            Diagnostics: result.Diagnostics.Count == 0 ? null : result.Diagnostics)
        { Drift = result.Drift });

    internal static TargetResult VerifyTarget(Bundle bundle, string name, TargetOutput output, string connectionString, Func<BundleTenant, bool>? include, TenantSelection? selection, string? replaceProject)
    {
        List<DriftResult> drift;
        var skipped = 0;
        try
        {
            using var dataSource = RunnerDataSource.Create(connectionString);
            using var connection = dataSource.OpenConnection();

            // The isolation checks come from the bundle: another project's would test roles and objects this database does not have.
            if (DeploymentRecord.ReadLast(connection) is { } last
                && BundleVersionGate.ProjectRefusal(last.Project, last.BundleVersion, bundle.Manifest.Project, replaceProject) is { } otherProject)
            {
                output.Error(Reporter.Format(otherProject));
                return new TargetResult(name, "refused", ExitCodes.Refused, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(otherProject.Code, otherProject.Message) });
            }

            var live = LiveDatabase.Compare(connection, bundle, rowChecks: true);
            var narrowed = SelectedTarget.Narrow(selection, DeploymentTarget.For(bundle, RuntimeTenants.Read(connection, null), include), live.Records.Select(r => r.TenantId), name, strict: include is null);
            if (SelectedTarget.Stop(narrowed, name, output) is { } stop)
            {
                return stop;
            }

            // With a selection, only the selected tenants' drift is reported, and the shared objects' (global, unions).
            var target = narrowed.Target!;
            drift = live.Drift.Where(d => d.Tenant is null || target.IsSelected(d.Tenant)).ToList();
            skipped = live.SkippedChecks;
            var plan = DeploymentPlanner.Plan(target, live.Records);
            drift.AddRange(PendingDrift.Of(plan, live.Drift));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            var error = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read the catalog", ErrorCause.Of(e));
            output.Error(Reporter.Format(error));
            return new TargetResult(name, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(error.Code, error.Message) });
        }

        if (skipped > 0)
        {
            output.Line($"Skipped {skipped} row-visibility check(s): only a superuser verifier can SET ROLE to the tenant roles.");
        }

        if (drift.Count == 0)
        {
            output.Line($"No drift: the database matches {bundle.Manifest.Project} {bundle.Manifest.BundleVersion}.");
            return new TargetResult(name, "ok", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>()) { Drift = drift };
        }

        static string[] Cells(DriftResult d) => new[] { d.Artefact, d.Tenant ?? "-", d.Object, d.Problem };
        var table = new TextTable(new[] { "artefact", "tenant", "object", "problem" }, drift.Select(Cells));
        output.Line(table.Header);
        foreach (var d in drift)
        {
            output.Line(table.Format(Cells(d)));
        }

        var diagnostic = RunnerDiagnostics.Drift.At(SourceLocation.None, drift.Count);
        output.Error(Reporter.Format(diagnostic));
        return new TargetResult(name, "drift", ExitCodes.Drift, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) })
        {
            Drift = drift,
        };
    }
}
