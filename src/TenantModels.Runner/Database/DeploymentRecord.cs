using System;
using System.Collections.Generic;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Database;

/// <summary>Reads and writes what the database records as deployed (<c>tenantmodels.deployed_artefact</c>, <c>tenantmodels.deployment</c>).</summary>
internal static class DeploymentRecord
{
    /// <summary>Empty when the runner schema does not exist yet: a database never deployed to has everything pending.</summary>
    public static IReadOnlyList<DeployedArtefact> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var recorded = new List<DeployedArtefact>();
        if (!RunnerSchema.Exists(connection, transaction))
        {
            return recorded;
        }

        using var command = new NpgsqlCommand(
            "SELECT artefact_id, tenant_id, checksum FROM tenantmodels.deployed_artefact ORDER BY artefact_id, tenant_id",
            connection,
            transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var tenant = reader.GetString(1);
            recorded.Add(new DeployedArtefact(reader.GetString(0), tenant.Length == 0 ? null : tenant, reader.GetString(2)));
        }

        return recorded;
    }

    /// <summary>The most recent deployment, or null when nothing was ever applied.</summary>
    public static LastDeployment? ReadLast(NpgsqlConnection connection)
    {
        if (!RunnerSchema.Exists(connection, null))
        {
            return null;
        }

        using var command = new NpgsqlCommand(
            "SELECT project, bundle_version, content_hash, applied_at FROM tenantmodels.deployment ORDER BY id DESC LIMIT 1",
            connection);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new LastDeployment(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTime>(3))
            : null;
    }

    public static void Save(NpgsqlConnection connection, NpgsqlTransaction transaction, Bundle bundle, DeploymentPlan plan)
    {
        const string upsert = """
            INSERT INTO tenantmodels.deployed_artefact (artefact_id, tenant_id, checksum, definition, bundle_version, applied_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (artefact_id, tenant_id) DO UPDATE
            SET checksum = excluded.checksum, definition = excluded.definition,
                bundle_version = excluded.bundle_version, applied_at = excluded.applied_at
            """;
        foreach (var step in plan.Steps)
        {
            using var command = new NpgsqlCommand(upsert, connection, transaction);
            command.Parameters.AddWithValue(step.Instance.Artefact.Id);
            command.Parameters.AddWithValue(step.Instance.TenantId ?? string.Empty);
            command.Parameters.AddWithValue(step.Instance.Checksum);
            command.Parameters.AddWithValue(step.Instance.Sql);
            command.Parameters.AddWithValue(bundle.Manifest.BundleVersion);
            command.ExecuteNonQuery();
        }

        using var deployment = new NpgsqlCommand(
            "INSERT INTO tenantmodels.deployment (project, bundle_version, content_hash, steps, applied_at) VALUES ($1, $2, $3, $4, now())",
            connection,
            transaction);
        deployment.Parameters.AddWithValue(bundle.Manifest.Project);
        deployment.Parameters.AddWithValue(bundle.Manifest.BundleVersion);
        deployment.Parameters.AddWithValue(bundle.Manifest.ContentHash);
        deployment.Parameters.AddWithValue(plan.Steps.Count);
        deployment.ExecuteNonQuery();
    }
}
