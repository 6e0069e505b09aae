using System;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Core.Provisioning;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>tenants provision|remove</c>: under the deployment lock, one transaction holding the tenant's objects, the
/// canonical views re-expanded, the record and the <c>runtime_tenant</c> row; a failure leaves none of it.
/// </summary>
internal sealed class ProvisionCommand
{
    private readonly RunnerContext _context;

    public ProvisionCommand(RunnerContext context) => _context = context;

    /// <summary>Shown as <see cref="OperatorOutput"/> says: a live line on a terminal while the transaction runs, then the closing summary.</summary>
    public int Run(TenantsOptions options)
    {
        var progress = new UnitProgress(options.Action == "provision" ? "provisioned" : "removed", countsUpToDate: false);
        return OperatorOutput.Run(_context, options.Json, options.Quiet, options.Verbose, progress, (context, _) => new ProvisionCommand(context).Run(options, progress));
    }

    private int Run(TenantsOptions options, UnitProgress progress)
    {
        var command = "tenants " + options.Action;
        var reporter = new Reporter(_context, command, options.Json) { Quiet = options.Quiet };
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode, needsConnection: options.Targets is null);
        if (preflight is null)
        {
            return exitCode;
        }

        if (options.Targets is null)
        {
            return RunOn(preflight, options, reporter, progress);
        }

        var fleet = new FleetTenant(_context, reporter, preflight.Bundle, options);
        return fleet.Run(home => RunOn(preflight with { ConnectionString = home.ConnectionString, Database = home.Database }, options, reporter, progress));
    }

    private int RunOn(Preflight preflight, TenantsOptions options, Reporter reporter, UnitProgress progress)
    {
        using var dataSource = RunnerDataSource.Create(preflight.ConnectionString);
        try
        {
            using var connection = dataSource.OpenConnection();
            if (!DeploymentLock.TryAcquire(connection, TimeSpan.FromSeconds(options.LockWaitSeconds)))
            {
                return reporter.Fail(ExitCodes.LockNotAcquired, DeploymentLock.Refusal(connection, preflight.Database, TimeSpan.FromSeconds(options.LockWaitSeconds)));
            }

            try
            {
                return RunLocked(connection, preflight, options, reporter, progress);
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, options.Action + " the tenant", ErrorCause.Of(e)));
        }
    }

    private static int RunLocked(NpgsqlConnection connection, Preflight preflight, TenantsOptions options, Reporter reporter, UnitProgress progress)
    {
        var bundle = preflight.Bundle;
        if (Citus.CitusReadiness.Refusal(connection, bundle.Manifest, preflight.Database) is { } notCitus)
        {
            return reporter.Fail(ExitCodes.Failed, notCitus);
        }

        var runtime = RuntimeTenants.Read(connection, null);
        // Read against the live database, like apply: the unions the tenant joins or leaves are repaired with it.
        var recorded = LiveDatabase.Compare(connection, bundle).Records;
        var provisioning = options.Action == "provision";
        if (provisioning && recorded.FirstOrDefault(r => r.Live is not null && r.TenantId is null && r.Scope != ArtefactScope.Union) is { } drifted)
        {
            // What every tenant builds on (schemas, roles, shared tables) is apply's to repair, in its own transaction.
            return reporter.Fail(ExitCodes.Refused, RunnerDiagnostics.ProvisionOverDrift.At(SourceLocation.None, options.TenantId!, drifted.Object ?? drifted.ArtefactId,
                drifted.Live == LiveCondition.Missing ? "missing from the database" : "changed outside TenantModels"));
        }

        var attributes = ParseAttributes(options.Attributes);
        if (attributes is null)
        {
            return reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.InvalidTenant.At(SourceLocation.None, options.TenantId!, "--attribute expects name=value"));
        }

        var plan = provisioning
            ? TenantProvisioningPlanner.Plan(bundle, new ProvisioningRequest(options.TenantId!, options.Name, options.Sources ?? Array.Empty<string>(), options.Tier, attributes), runtime, recorded)
            : TenantProvisioningPlanner.PlanRemoval(bundle, options.TenantId!, runtime, recorded);
        if (!plan.IsValid)
        {
            var descriptor = provisioning ? RunnerDiagnostics.InvalidTenant : RunnerDiagnostics.UnknownTenant;
            return reporter.Fail(ExitCodes.UsageError, descriptor.At(SourceLocation.None, options.TenantId!, string.Join("; ", plan.Errors)));
        }

        string? script = null;
        if (provisioning && options.ThenScript is { } path)
        {
            script = ReadScript(path, plan.Tenant!.Id, options.Variables ?? Array.Empty<string>(), out var why);
            if (script is null)
            {
                return reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.ProvisioningScriptRejected.At(SourceLocation.None, path, why!));
            }
        }

        var unit = new PlanUnit(PlanUnitKey.Tenant(plan.Tenant!.Id), plan.Steps, Removal: !provisioning);
        if (unit.LosesData && !options.AllowDataLoss)
        {
            return reporter.Fail(ExitCodes.Refused, RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, unit.Steps.Count, DataLoss.Describe(unit.Steps)));
        }

        RunnerSchema.EnsureCurrent(connection);
        long? deployment = null;
        var settings = new ApplySettings(TimeSpan.Zero, ApplyOptions.DefaultLockTimeoutSeconds, 0, false, options.AllowDataLoss, false);
        var manifest = bundle.Manifest;
        var steps = Reporter.Steps(unit);
        (Diagnostic Diagnostic, DiagnosticResult Detail)? failure;
        progress.Plan(1, 0);
        progress.Started(string.Empty, unit.Key);
        try
        {
            failure = UnitRunner.Run(connection, unit, settings, bundle.Manifest, ref deployment, (c, t) =>
            {
                if (provisioning)
                {
                    RuntimeTenants.Insert(c, t, plan.Tenant);
                    if (script is not null)
                    {
                        using var then = new NpgsqlCommand(script, c, t) { CommandTimeout = 0 };
                        then.ExecuteNonQuery();
                    }
                }
                else
                {
                    RuntimeTenants.Delete(c, t, plan.Tenant.Id);
                }
            });
        }
        catch (PostgresException e) when (script is not null)
        {
            // Thrown inside the unit's transaction, which its disposal rolled back with everything else.
            var diagnostic = RunnerDiagnostics.ProvisioningScriptFailed.At(SourceLocation.None, options.ThenScript!, plan.Tenant.Id, e.SqlState, e.MessageText);
            failure = (diagnostic, new DiagnosticResult(diagnostic.Code, diagnostic.Message, null, plan.Tenant.Id, e.SqlState));
        }

        progress.Finished(string.Empty, unit.Key, failure is null ? UnitStatus.Applied : UnitStatus.Failed);
        if (failure is { } f)
        {
            reporter.Line("Rolled back: nothing of the tenant was changed.");
            return reporter.Fail(ExitCodes.Failed, f.Diagnostic, f.Detail, new RunResult("tenants " + options.Action, "failed", ExitCodes.Failed, manifest.Project, manifest.BundleVersion, manifest.ContentHash, new System.Collections.Generic.List<StepResult>(steps)));
        }

        if (deployment is { } id)
        {
            DeploymentRecord.FinishDeployment(connection, id, Array.Empty<string>());
        }

        // The tenant's refresh jobs follow it: installed with it, removed with it.
        try
        {
            var jobs = Schedules.RefreshSchedules.Install(connection, preflight.ConnectionString, bundle,
                provisioning ? new[] { DeploymentTarget.WithDefaults(manifest, plan.Tenant) } : Array.Empty<BundleTenant>(), new[] { plan.Tenant.Id }, out var unavailable);
            if (jobs is { Any: true } changes)
            {
                reporter.Line(Schedules.RefreshSchedules.Describe(changes));
            }

            if (unavailable is not null)
            {
                reporter.Error(unavailable);
            }
        }
        catch (PostgresException e)
        {
            // The tenant's objects are committed: say that its jobs are not, and how to get them.
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.ScheduleNotInstalled.At(SourceLocation.None, preflight.Database, e.SqlState, e.MessageText));
        }

        reporter.Line(provisioning
            ? $"Provisioned tenant {plan.Tenant.Id}: {unit.Steps.Count} step(s) in one transaction."
            : $"Removed tenant {plan.Tenant.Id}: {unit.Steps.Count} step(s) in one transaction (its raw schemas were not touched).");
        reporter.WriteJson(new RunResult("tenants " + options.Action, provisioning ? "provisioned" : "removed", ExitCodes.Success,
            manifest.Project, manifest.BundleVersion, manifest.ContentHash, new System.Collections.Generic.List<StepResult>(steps)));
        return ExitCodes.Success;
    }

    /// <returns>The script ready to run, or null with <paramref name="why"/>.</returns>
    private static string? ReadScript(string path, string tenantId, string[] assignments, out string? why)
    {
        var variables = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
            {
                why = $"--var '{assignment}' is not name=value";
                return null;
            }

            variables[assignment.Substring(0, equals)] = assignment.Substring(equals + 1);
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            why = e.Message;
            return null;
        }

        var sql = ProvisioningScript.Prepare(text, tenantId, variables, out var errors);
        why = sql is null ? string.Join("; ", errors) : null;
        return sql;
    }

    /// <summary>Null when one is not <c>name=value</c>; an empty map when none is given.</summary>
    private static System.Collections.Generic.Dictionary<string, string>? ParseAttributes(string[]? written)
    {
        var attributes = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in written ?? Array.Empty<string>())
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                return null;
            }

            attributes[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1);
        }

        return attributes;
    }
}
