using System;
using System.Globalization;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>apply</c>: under the deployment lock, plans against the record read inside the same transaction (so a
/// concurrent change to the record cannot slip between plan and apply), runs every step, records them, commits.
/// Any error rolls the whole transaction back: nothing half-applied is left.
/// </summary>
internal sealed class ApplyCommand
{
    private readonly RunnerContext _context;

    public ApplyCommand(RunnerContext context) => _context = context;

    public int Run(ApplyOptions options)
    {
        var reporter = new Reporter(_context, "apply", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        using var dataSource = NpgsqlDataSource.Create(preflight.ConnectionString);
        NpgsqlConnection connection;
        try
        {
            connection = dataSource.OpenConnection();
        }
        catch (NpgsqlException e)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "connect to the database", e.Message));
        }

        using (connection)
        {
            try
            {
                if (!DeploymentLock.TryAcquire(connection, TimeSpan.FromSeconds(options.LockWaitSeconds)))
                {
                    return reporter.Fail(ExitCodes.LockNotAcquired, RunnerDiagnostics.LockNotAcquired.At(
                        SourceLocation.None, preflight.Database, options.LockWaitSeconds.ToString(CultureInfo.InvariantCulture)));
                }
            }
            catch (NpgsqlException e)
            {
                return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "take the deployment lock", e.Message));
            }

            try
            {
                return ApplyLocked(connection, preflight.Bundle, options, reporter);
            }
            finally
            {
                ReleaseQuietly(connection);
            }
        }
    }

    private static int ApplyLocked(NpgsqlConnection connection, Bundle bundle, ApplyOptions options, Reporter reporter)
    {
        var manifest = bundle.Manifest;
        DeploymentPlan plan;
        using var transaction = connection.BeginTransaction();
        try
        {
            SetLockTimeout(connection, transaction, options.LockTimeoutSeconds);
            plan = DeploymentPlanner.Plan(bundle, DeploymentRecord.Read(connection, transaction));
            if (plan.IsEmpty)
            {
                transaction.Commit();
                reporter.Line($"Nothing to apply: the database matches {manifest.Project} {manifest.BundleVersion}.");
                reporter.WriteJson(new RunResult("apply", "up-to-date", ExitCodes.Success, manifest.Project, manifest.BundleVersion, manifest.ContentHash, Reporter.Steps(plan)));
                return ExitCodes.Success;
            }

            RunnerSchema.EnsureCreated(connection, transaction);
        }
        catch (NpgsqlException e)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "prepare the apply", e.Message));
        }

        reporter.Line($"Applying {manifest.Project} {manifest.BundleVersion}: {plan.Steps.Count} step(s)");
        foreach (var step in plan.Steps)
        {
            try
            {
                using var command = new NpgsqlCommand(step.Instance.Sql, connection, transaction)
                {
                    // No client-side timeout: lock_timeout bounds waiting, and building a big view may legitimately take long.
                    CommandTimeout = 0,
                };
                command.ExecuteNonQuery();
            }
            catch (PostgresException e)
            {
                transaction.Rollback();
                var diagnostic = StepFailure.Describe(step, e);
                reporter.Line("Rolled back: no change was made to the database.");
                var partial = new RunResult("apply", "failed", ExitCodes.Failed, manifest.Project, manifest.BundleVersion, manifest.ContentHash, Reporter.Steps(plan));
                return reporter.Fail(ExitCodes.Failed, diagnostic, StepFailure.Detail(step, e, diagnostic), partial);
            }

            reporter.Line("  " + Reporter.StepHeader(step).Substring(3));
        }

        try
        {
            DeploymentRecord.Save(connection, transaction, bundle, plan);
            transaction.Commit();
        }
        catch (NpgsqlException e)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "record the deployment (rolled back)", e.Message));
        }

        reporter.Line($"Applied {plan.Steps.Count} step(s): the database now matches {manifest.Project} {manifest.BundleVersion}.");
        reporter.WriteJson(new RunResult("apply", "applied", ExitCodes.Success, manifest.Project, manifest.BundleVersion, manifest.ContentHash, Reporter.Steps(plan)));
        return ExitCodes.Success;
    }

    /// <summary>Transaction-local (like SET LOCAL) and parameterised: set_config takes the value as data, not SQL.</summary>
    private static void SetLockTimeout(NpgsqlConnection connection, NpgsqlTransaction transaction, int seconds)
    {
        using var command = new NpgsqlCommand("SELECT set_config('lock_timeout', $1, true)", connection, transaction);
        command.Parameters.AddWithValue(seconds == 0 ? "0" : seconds.ToString(CultureInfo.InvariantCulture) + "s");
        command.ExecuteScalar();
    }

    /// <summary>Closing the session releases the lock anyway; an explicit unlock just returns it sooner. Never mask the real result.</summary>
    private static void ReleaseQuietly(NpgsqlConnection connection)
    {
        try
        {
            DeploymentLock.Release(connection);
        }
        catch (NpgsqlException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
