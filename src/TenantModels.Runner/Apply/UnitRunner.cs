using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Commands;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Apply;

/// <summary>Runs one unit in one transaction and records it there: either all of it commits, record included, or none of it does.</summary>
/// <remarks>
/// A unit's statements go to the server in one round trip (a tenant has dozens; a round trip per statement was most
/// of an apply's time). When that fails, the transaction is rolled back and the unit is run again statement by
/// statement, so the failure names its step exactly as before; a failing unit costs two attempts, a passing one one.
/// </remarks>
internal static class UnitRunner
{
    /// <returns>Null on success; the failure (already rolled back) otherwise.</returns>
    /// <exception cref="NpgsqlException">Not a statement error (e.g. the connection dropped, or the server ended the session:
    /// that error itself, not a failed rollback's): the apply cannot continue.</exception>
    public static (Diagnostic Diagnostic, DiagnosticResult Detail)? Run(NpgsqlConnection connection, PlanUnit unit, ApplySettings settings, BundleManifest manifest, ref long? deployment, System.Action<NpgsqlConnection, NpgsqlTransaction>? alsoInTransaction = null)
    {
        if (unit.Steps.Count > 1 && RunTogether(connection, unit, settings, manifest, ref deployment, alsoInTransaction))
        {
            return null;
        }

        return RunStepByStep(connection, unit, settings, manifest, ref deployment, alsoInTransaction);
    }

    /// <summary>Transaction-local (like SET LOCAL) and parameterised: set_config takes the value as data, not SQL.</summary>
    public static void SetLocal(NpgsqlConnection connection, NpgsqlTransaction transaction, string setting, int seconds)
    {
        using var command = new NpgsqlCommand("SELECT set_config($1, $2, true)", connection, transaction);
        command.Parameters.AddWithValue(setting);
        command.Parameters.AddWithValue(Seconds(seconds));
        command.ExecuteScalar();
    }

    /// <returns>False when a statement failed: the transaction is rolled back and nothing of the unit was changed.</returns>
    private static bool RunTogether(NpgsqlConnection connection, PlanUnit unit, ApplySettings settings, BundleManifest manifest, ref long? deployment, System.Action<NpgsqlConnection, NpgsqlTransaction>? alsoInTransaction)
    {
        using var transaction = connection.BeginTransaction();
        try
        {
            // The timeouts and the statements between seeds go in one command; a seed's rows go by binary COPY (SeedLoader).
            var text = new StringBuilder(Timeouts(settings)).Append(Citus.CitusTarget.UnitSetting(manifest, unit.Key));
            foreach (var step in unit.Steps)
            {
                if (step.Seed is { } seed)
                {
                    Execute(connection, transaction, text);
                    SeedLoader.Run(connection, transaction, seed);
                }
                else
                {
                    // Each step ends with its own newline, so a trailing comment cannot swallow the next step.
                    text.Append(step.Sql);
                    if (!step.Sql.EndsWith("\n", System.StringComparison.Ordinal))
                    {
                        text.Append('\n');
                    }
                }
            }

            Execute(connection, transaction, text);
        }
        catch (PostgresException) when (!Connections.IsBroken(connection))
        {
            transaction.Rollback();
            return false;
        }

        Record(connection, transaction, unit, manifest, settings.Selection?.Described, ref deployment, alsoInTransaction);
        transaction.Commit();
        return true;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }

        // No client-side timeout: lock_timeout and statement_timeout bound the server side.
        using var command = new NpgsqlCommand(text.ToString(), connection, transaction) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
        text.Clear();
    }

    private static (Diagnostic Diagnostic, DiagnosticResult Detail)? RunStepByStep(NpgsqlConnection connection, PlanUnit unit, ApplySettings settings, BundleManifest manifest, ref long? deployment, System.Action<NpgsqlConnection, NpgsqlTransaction>? alsoInTransaction)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, new StringBuilder(Timeouts(settings)).Append(Citus.CitusTarget.UnitSetting(manifest, unit.Key)));
        foreach (var step in unit.Steps)
        {
            try
            {
                if (step.Seed is { } seed)
                {
                    SeedLoader.Run(connection, transaction, seed);
                    continue;
                }

                // No client-side timeout: lock_timeout and statement_timeout bound the server side.
                using var command = new NpgsqlCommand(step.Sql, connection, transaction) { CommandTimeout = 0 };
                command.ExecuteNonQuery();
            }
            catch (PostgresException e) when (!Connections.IsBroken(connection))
            {
                transaction.Rollback();
                var diagnostic = StepFailure.Describe(unit.Key, step, e, manifest);
                return (diagnostic, StepFailure.Detail(step, e, diagnostic));
            }
        }

        Record(connection, transaction, unit, manifest, settings.Selection?.Described, ref deployment, alsoInTransaction);
        transaction.Commit();
        return null;
    }

    private static void Record(NpgsqlConnection connection, NpgsqlTransaction transaction, PlanUnit unit, BundleManifest manifest, string? selection, ref long? deployment, System.Action<NpgsqlConnection, NpgsqlTransaction>? alsoInTransaction)
    {
        alsoInTransaction?.Invoke(connection, transaction);
        deployment ??= DeploymentRecord.BeginDeployment(connection, transaction, manifest, selection);
        RecordSteps(connection, transaction, unit.Steps, manifest.BundleVersion, deployment.Value);
    }

    /// <summary>Records committed steps and counts them in the deployment: one batch, one round trip.</summary>
    private static void RecordSteps(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PlanStep> steps, string bundleVersion, long deployment)
    {
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in DeploymentRecord.SaveSteps(bundleVersion, steps))
        {
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(DeploymentRecord.CountSteps(deployment, steps.Count));

        // Not prepared, although every unit sends the same statements: a generic plan made while the catalogs and the
        // record are small is kept as they grow (a prepared lookup by name once scanned pg_class for every unit).
        batch.ExecuteNonQuery();
    }

    /// <summary>Both timeouts, transaction-local (like <see cref="SetLocal"/>); the values are the runner's own numbers, never user text.</summary>
    private static string Timeouts(ApplySettings settings) =>
        $"SET LOCAL lock_timeout = '{Seconds(settings.LockTimeoutSeconds)}';\nSET LOCAL statement_timeout = '{Seconds(settings.StatementTimeoutSeconds)}';\n";

    private static string Seconds(int seconds) => seconds == 0 ? "0" : seconds.ToString(CultureInfo.InvariantCulture) + "s";
}
