using System;
using System.Globalization;
using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Core.Provisioning;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>tenants provision|remove</c>: under the deployment lock, one transaction holding the tenant's objects, the
/// canonical views re-expanded, the record and the <c>runtime_tenant</c> row; a failure leaves none of it.
/// </summary>
internal sealed class ProvisionCommand
{
    private readonly RunnerContext _context;

    public ProvisionCommand(RunnerContext context) => _context = context;

    public int Run(TenantsOptions options)
    {
        var command = "tenants " + options.Action;
        var reporter = new Reporter(_context, command, options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        using var dataSource = NpgsqlDataSource.Create(preflight.ConnectionString);
        try
        {
            using var connection = dataSource.OpenConnection();
            if (!DeploymentLock.TryAcquire(connection, TimeSpan.FromSeconds(options.LockWaitSeconds)))
            {
                return reporter.Fail(ExitCodes.LockNotAcquired, RunnerDiagnostics.LockNotAcquired.At(SourceLocation.None, preflight.Database, options.LockWaitSeconds.ToString(CultureInfo.InvariantCulture)));
            }

            try
            {
                return RunLocked(connection, preflight, options, reporter);
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, options.Action + " the tenant", e.Message));
        }
    }

    private static int RunLocked(NpgsqlConnection connection, Preflight preflight, TenantsOptions options, Reporter reporter)
    {
        var bundle = preflight.Bundle;
        var runtime = RuntimeTenants.Read(connection, null);
        var recorded = DeploymentRecord.Read(connection, null);
        var provisioning = options.Action == "provision";
        var plan = provisioning
            ? TenantProvisioningPlanner.Plan(bundle, new ProvisioningRequest(options.TenantId!, options.Name, options.Sources ?? Array.Empty<string>()), runtime, recorded)
            : TenantProvisioningPlanner.PlanRemoval(bundle, options.TenantId!, runtime, recorded);
        if (!plan.IsValid)
        {
            var descriptor = provisioning ? RunnerDiagnostics.InvalidTenant : RunnerDiagnostics.UnknownTenant;
            return reporter.Fail(ExitCodes.UsageError, descriptor.At(SourceLocation.None, options.TenantId!, string.Join("; ", plan.Errors)));
        }

        var unit = new PlanUnit(PlanUnitKey.Tenant(plan.Tenant!.Id), plan.Steps, Removal: !provisioning);
        if (unit.LosesData && !options.AllowDataLoss)
        {
            return reporter.Fail(ExitCodes.Refused, RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, unit.Steps.Count, DataLoss.Describe(unit.Steps)));
        }

        RunnerSchema.EnsureCurrent(connection);
        long? deployment = null;
        var settings = new ApplySettings(TimeSpan.Zero, ApplyOptions.DefaultLockTimeoutSeconds, 0, false, options.AllowDataLoss, false);
        var failure = UnitRunner.Run(connection, unit, settings, bundle.Manifest, ref deployment, (c, t) =>
        {
            if (provisioning)
            {
                RuntimeTenants.Insert(c, t, plan.Tenant);
            }
            else
            {
                RuntimeTenants.Delete(c, t, plan.Tenant.Id);
            }
        });
        var manifest = bundle.Manifest;
        var steps = Reporter.Steps(unit);
        if (failure is { } f)
        {
            reporter.Line("Rolled back: nothing of the tenant was changed.");
            return reporter.Fail(ExitCodes.Failed, f.Diagnostic, f.Detail, new RunResult("tenants " + options.Action, "failed", ExitCodes.Failed, manifest.Project, manifest.BundleVersion, manifest.ContentHash, new System.Collections.Generic.List<StepResult>(steps)));
        }

        if (deployment is { } id)
        {
            DeploymentRecord.FinishDeployment(connection, id, Array.Empty<string>());
        }

        reporter.Line(provisioning
            ? $"Provisioned tenant {plan.Tenant.Id}: {unit.Steps.Count} step(s) in one transaction."
            : $"Removed tenant {plan.Tenant.Id}: {unit.Steps.Count} step(s) in one transaction (its raw schemas were not touched).");
        reporter.WriteJson(new RunResult("tenants " + options.Action, provisioning ? "provisioned" : "removed", ExitCodes.Success,
            manifest.Project, manifest.BundleVersion, manifest.ContentHash, new System.Collections.Generic.List<StepResult>(steps)));
        return ExitCodes.Success;
    }
}
