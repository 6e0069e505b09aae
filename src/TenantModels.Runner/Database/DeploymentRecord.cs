using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Database;

/// <summary>Reads and writes what the database records as deployed (<c>tenantmodels.deployed_artefact</c>, <c>tenantmodels.deployment</c>).</summary>
internal static class DeploymentRecord
{
    /// <summary>Empty when the runner schema does not exist yet: a database never deployed to has everything pending.</summary>
    public static IReadOnlyList<DeployedArtefact> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        ReadRows(connection, transaction).Select(r => r.Artefact).ToList();

    public static IReadOnlyList<RecordedRow> ReadRows(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var rows = new List<RecordedRow>();
        var version = RunnerSchema.Version(connection, transaction);
        if (version == 0)
        {
            return rows;
        }

        RunnerSchema.RefuseNewer(version);
        // Version 1 rows have no kind, object or catalog: the planner completes them from the bundle.
        var sql = version == 1
            ? "SELECT artefact_id, tenant_id, checksum, bundle_version, applied_at, NULL, NULL, NULL, NULL, NULL::text[], NULL::text[], NULL, NULL, NULL, definition FROM tenantmodels.deployed_artefact ORDER BY artefact_id, tenant_id"
            : """
              SELECT artefact_id, tenant_id, checksum, bundle_version, applied_at, kind, scope, object_name, signature, depends_on,
                     included_tenants, catalog_columns, catalog_definition, catalog_options, definition
              FROM tenantmodels.deployed_artefact ORDER BY artefact_id, tenant_id
              """;
        using var command = new NpgsqlCommand(sql, connection, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var tenant = reader.GetString(1);
            var artefact = new DeployedArtefact(
                reader.GetString(0),
                tenant.Length == 0 ? null : tenant,
                reader.GetString(2),
                reader.IsDBNull(5) ? null : ParseKind(reader.GetString(5)),
                reader.IsDBNull(6) ? null : ParseScope(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<string[]>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<string[]>(10),
                reader.IsDBNull(14) ? null : reader.GetString(14));
            var catalog = reader.IsDBNull(11)
                ? null
                : new CatalogSnapshot(string.Empty, reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? string.Empty : reader.GetString(13));
            rows.Add(new RecordedRow(artefact, reader.GetString(3), reader.GetFieldValue<DateTime>(4), catalog));
        }

        return rows;
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

    /// <summary>
    /// Records one committed unit's steps in its own transaction: a drop deletes the row, a create upserts it with
    /// the catalog as PostgreSQL now describes the object (what verify later compares with).
    /// </summary>
    public static void SaveSteps(NpgsqlConnection connection, NpgsqlTransaction transaction, string bundleVersion, IEnumerable<PlanStep> steps)
    {
        const string upsert = """
            INSERT INTO tenantmodels.deployed_artefact (artefact_id, tenant_id, checksum, definition, bundle_version, applied_at,
                kind, scope, object_name, signature, depends_on, included_tenants, catalog_columns, catalog_definition, catalog_options)
            VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (artefact_id, tenant_id) DO UPDATE
            SET checksum = excluded.checksum, definition = excluded.definition, bundle_version = excluded.bundle_version,
                applied_at = excluded.applied_at, kind = excluded.kind, scope = excluded.scope, object_name = excluded.object_name,
                signature = excluded.signature, depends_on = excluded.depends_on, included_tenants = excluded.included_tenants,
                catalog_columns = excluded.catalog_columns, catalog_definition = excluded.catalog_definition,
                catalog_options = excluded.catalog_options
            """;
        var final = new Dictionary<(string, string), PlanStep>();
        foreach (var step in steps)
        {
            final[(step.ArtefactId, step.TenantId ?? string.Empty)] = step;
        }

        // One catalog query and one batch for the whole unit: per-object round trips were most of a large apply's time.
        var catalog = CatalogSnapshot.OfRelations(connection, transaction, final.Values
            .Where(s => s.Action != PlanStepAction.Drop && s.Kind is ArtefactKind.View or ArtefactKind.MaterializedView or ArtefactKind.Table)
            .Select(s => s.Object));
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var step in final.Values)
        {
            if (step.Action == PlanStepAction.Drop)
            {
                var delete = new NpgsqlBatchCommand("DELETE FROM tenantmodels.deployed_artefact WHERE artefact_id = $1 AND tenant_id = $2");
                delete.Parameters.AddWithValue(step.ArtefactId);
                delete.Parameters.AddWithValue(step.TenantId ?? string.Empty);
                batch.BatchCommands.Add(delete);
                continue;
            }

            var snapshot = step.Kind is ArtefactKind.View or ArtefactKind.MaterializedView or ArtefactKind.Table
                && catalog.TryGetValue(step.Object, out var found) ? found : null;
            var command = new NpgsqlBatchCommand(upsert);
            command.Parameters.AddWithValue(step.ArtefactId);
            command.Parameters.AddWithValue(step.TenantId ?? string.Empty);
            command.Parameters.AddWithValue(step.Checksum!);
            command.Parameters.AddWithValue(step.RecordedDefinition);
            command.Parameters.AddWithValue(bundleVersion);
            command.Parameters.AddWithValue(ManifestJson.KindName(step.Kind));
            command.Parameters.AddWithValue(ManifestJson.ScopeName(step.Scope));
            command.Parameters.AddWithValue(step.Object);
            command.Parameters.AddWithValue((object?)step.Signature ?? DBNull.Value);
            command.Parameters.AddWithValue(step.DependsOn.ToArray());
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)step.IncludedTenants?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.AddWithValue((object?)snapshot?.Columns ?? DBNull.Value);
            command.Parameters.AddWithValue((object?)snapshot?.Definition ?? DBNull.Value);
            command.Parameters.AddWithValue((object?)snapshot?.Options ?? DBNull.Value);
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }
    }

    /// <summary>Starts the deployment row in the first unit's transaction, so even an interrupted apply leaves its version behind.</summary>
    public static long BeginDeployment(NpgsqlConnection connection, NpgsqlTransaction transaction, BundleManifest manifest)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO tenantmodels.deployment (project, bundle_version, content_hash, steps, applied_at, outcome) VALUES ($1, $2, $3, 0, now(), 'running') RETURNING id",
            connection,
            transaction);
        command.Parameters.AddWithValue(manifest.Project);
        command.Parameters.AddWithValue(manifest.BundleVersion);
        command.Parameters.AddWithValue(manifest.ContentHash);
        return (long)command.ExecuteScalar()!;
    }

    public static void CountSteps(NpgsqlConnection connection, NpgsqlTransaction transaction, long deployment, int steps)
    {
        using var command = new NpgsqlCommand("UPDATE tenantmodels.deployment SET steps = steps + $2 WHERE id = $1", connection, transaction);
        command.Parameters.AddWithValue(deployment);
        command.Parameters.AddWithValue(steps);
        command.ExecuteNonQuery();
    }

    public static void FinishDeployment(NpgsqlConnection connection, long deployment, IReadOnlyList<string> failedUnits)
    {
        using var command = new NpgsqlCommand("UPDATE tenantmodels.deployment SET outcome = $2, failed_units = $3 WHERE id = $1", connection);
        command.Parameters.AddWithValue(deployment);
        command.Parameters.AddWithValue(failedUnits.Count == 0 ? "applied" : "partial");
        command.Parameters.AddWithValue(failedUnits.ToArray());
        command.ExecuteNonQuery();
    }

    // Inverts the manifest's own names, so a kind or scope added to the manifest is understood here too.
    private static ArtefactKind ParseKind(string text) =>
        Enum.GetValues(typeof(ArtefactKind)).Cast<ArtefactKind>().FirstOrDefault(k => ManifestJson.KindName(k) == text) is var kind && ManifestJson.KindName(kind) == text
            ? kind
            : throw new FormatException($"unknown artefact kind '{text}' in tenantmodels.deployed_artefact");

    private static ArtefactScope ParseScope(string text) =>
        Enum.GetValues(typeof(ArtefactScope)).Cast<ArtefactScope>().FirstOrDefault(k => ManifestJson.ScopeName(k) == text) is var scope && ManifestJson.ScopeName(scope) == text
            ? scope
            : throw new FormatException($"unknown artefact scope '{text}' in tenantmodels.deployed_artefact");
}
