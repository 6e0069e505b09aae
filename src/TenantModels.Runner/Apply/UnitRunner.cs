using System.Globalization;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Commands;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Apply;

/// <summary>Runs one unit in one transaction and records it there: either all of it commits, record included, or none of it does.</summary>
internal static class UnitRunner
{
    /// <returns>Null on success; the failure (already rolled back) otherwise.</returns>
    /// <exception cref="NpgsqlException">Not a statement error (e.g. the connection dropped): the apply cannot continue.</exception>
    public static (Diagnostic Diagnostic, DiagnosticResult Detail)? Run(NpgsqlConnection connection, PlanUnit unit, ApplySettings settings, BundleManifest manifest, ref long? deployment, System.Action<NpgsqlConnection, NpgsqlTransaction>? alsoInTransaction = null)
    {
        using var transaction = connection.BeginTransaction();
        SetLocal(connection, transaction, "lock_timeout", settings.LockTimeoutSeconds);
        SetLocal(connection, transaction, "statement_timeout", settings.StatementTimeoutSeconds);
        foreach (var step in unit.Steps)
        {
            try
            {
                if (step.Kind == ArtefactKind.Seed && SeedScript.TryParse(step.Sql, out var seed))
                {
                    SeedLoader.Run(connection, transaction, seed!);
                    continue;
                }

                // No client-side timeout: lock_timeout and statement_timeout bound the server side.
                using var command = new NpgsqlCommand(step.Sql, connection, transaction) { CommandTimeout = 0 };
                command.ExecuteNonQuery();
            }
            catch (PostgresException e)
            {
                transaction.Rollback();
                var diagnostic = StepFailure.Describe(unit.Key, step, e);
                return (diagnostic, StepFailure.Detail(step, e, diagnostic));
            }
        }

        alsoInTransaction?.Invoke(connection, transaction);
        DeploymentRecord.SaveSteps(connection, transaction, manifest.BundleVersion, unit.Steps);
        deployment ??= DeploymentRecord.BeginDeployment(connection, transaction, manifest);
        DeploymentRecord.CountSteps(connection, transaction, deployment.Value, unit.Steps.Count);
        transaction.Commit();
        return null;
    }

    /// <summary>Transaction-local (like SET LOCAL) and parameterised: set_config takes the value as data, not SQL.</summary>
    public static void SetLocal(NpgsqlConnection connection, NpgsqlTransaction transaction, string setting, int seconds)
    {
        using var command = new NpgsqlCommand("SELECT set_config($1, $2, true)", connection, transaction);
        command.Parameters.AddWithValue(setting);
        command.Parameters.AddWithValue(seconds == 0 ? "0" : seconds.ToString(CultureInfo.InvariantCulture) + "s");
        command.ExecuteScalar();
    }
}
