using Npgsql;

namespace TenantModels.Runner.Database;

/// <summary>The runner's own bookkeeping schema in the target database.</summary>
internal static class RunnerSchema
{
    public const string Name = "tenantmodels";

    // tenant_id is '' for global artefacts rather than NULL so it can be part of the primary key.
    // No grants to PUBLIC: what was deployed is for the deploying role and admins only.
    private const string CreateSql = """
        CREATE SCHEMA IF NOT EXISTS tenantmodels;
        REVOKE ALL ON SCHEMA tenantmodels FROM PUBLIC;
        CREATE TABLE IF NOT EXISTS tenantmodels.deployed_artefact (
            artefact_id text NOT NULL,
            tenant_id text NOT NULL DEFAULT '',
            checksum text NOT NULL,
            definition text NOT NULL,
            bundle_version text NOT NULL,
            applied_at timestamptz NOT NULL,
            PRIMARY KEY (artefact_id, tenant_id)
        );
        CREATE TABLE IF NOT EXISTS tenantmodels.deployment (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project text NOT NULL,
            bundle_version text NOT NULL,
            content_hash text NOT NULL,
            steps int NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """;

    /// <summary>Whether both tables exist. Checked before creating so a no-op apply runs no DDL at all.</summary>
    public static bool Exists(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand(
            "SELECT to_regclass('tenantmodels.deployed_artefact') IS NOT NULL AND to_regclass('tenantmodels.deployment') IS NOT NULL",
            connection,
            transaction);
        return (bool)command.ExecuteScalar()!;
    }

    public static void EnsureCreated(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (Exists(connection, transaction))
        {
            return;
        }

        using var command = new NpgsqlCommand(CreateSql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
