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
    /// <summary>What planning needs: no catalog snapshots, and a definition only where ALTER TABLE planning diffs against it.</summary>
    /// <remarks>Empty when the runner schema does not exist yet: a database never deployed to has everything pending.</remarks>
    public static IReadOnlyList<DeployedArtefact> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        ReadRowsWithoutCatalog(connection, transaction).Select(r => r.Artefact).ToList();

    /// <summary>Everything recorded, catalog snapshots included (tenants, tests, the docs site); a definition only where ALTER planning diffs against it.</summary>
    public static IReadOnlyList<RecordedRow> ReadRows(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        ReadRows(connection, transaction, forPlanning: false);

    /// <summary>
    /// Every row without its catalog snapshot, with its row version: what the live comparison needs of the schemas whose
    /// key still matches (most of them), which it never compares. At 10,000 tenants the snapshots are most of the record.
    /// </summary>
    public static IReadOnlyList<RecordedRow> ReadRowsWithoutCatalog(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        ReadRows(connection, transaction, forPlanning: true);

    /// <summary>
    /// Like <see cref="ReadRows(NpgsqlConnection, NpgsqlTransaction?)"/>, only the rows of the given (artefact id, tenant
    /// id) keys (<c>''</c> for no tenant) that exist, looked up by primary key: what the live comparison reads for the
    /// few schemas it compares, without a pass over every tenant's rows.
    /// </summary>
    public static IReadOnlyList<RecordedRow> ReadRows(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<(string ArtefactId, string TenantId)> keys)
    {
        if (keys.Count == 0)
        {
            return Array.Empty<RecordedRow>();
        }

        if (RunnerSchema.Version(connection, transaction) < 2)
        {
            var wanted = keys.ToHashSet();
            return ReadRows(connection, transaction).Where(r => wanted.Contains((r.Artefact.ArtefactId, r.Artefact.TenantId ?? string.Empty))).ToList();
        }

        return ReadRows(connection, transaction, forPlanning: false, keys: keys);
    }

    private static IReadOnlyList<RecordedRow> ReadRows(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool forPlanning,
        IReadOnlyCollection<(string ArtefactId, string TenantId)>? keys = null)
    {
        var rows = new List<RecordedRow>();
        var version = RunnerSchema.Version(connection, transaction);
        if (version == 0)
        {
            return rows;
        }

        RunnerSchema.RefuseNewer(version);
        // Version 1 rows have no kind, object or catalog: the planner completes them from the bundle.
        var expansionKey = version >= ExpansionKeySchemaVersion ? "expansion_key" : "NULL::text";
        var sql = version == 1
            ? "SELECT artefact_id, tenant_id, checksum, bundle_version, applied_at, NULL, NULL, NULL, NULL, NULL::text[], NULL::text[], NULL, NULL, NULL, definition, xmin::text::bigint, NULL::text FROM tenantmodels.deployed_artefact ORDER BY artefact_id, tenant_id"
            : forPlanning
                ? $"""
                  SELECT artefact_id, tenant_id, checksum, bundle_version, applied_at, kind, scope, object_name, signature, depends_on,
                         included_tenants, NULL, NULL, NULL, CASE WHEN kind = 'table' THEN definition END, xmin::text::bigint, {expansionKey}
                  FROM tenantmodels.deployed_artefact ORDER BY artefact_id, tenant_id
                  """
                : $"""
                  SELECT artefact_id, tenant_id, checksum, bundle_version, applied_at, kind, scope, object_name, signature, depends_on,
                         included_tenants, catalog_columns, catalog_definition, catalog_options, CASE WHEN kind = 'table' THEN definition END,
                         xmin::text::bigint, {expansionKey}
                  FROM tenantmodels.deployed_artefact
                  """ + (keys is null ? string.Empty : "\n" + WithKeys) + "\nORDER BY artefact_id, tenant_id";
        using var command = new NpgsqlCommand(sql, connection, transaction);
        if (keys is not null)
        {
            command.Parameters.AddWithValue(keys.Select(k => k.ArtefactId).ToArray());
            command.Parameters.AddWithValue(keys.Select(k => k.TenantId).ToArray());
        }

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
                reader.IsDBNull(14) ? null : reader.GetString(14))
            {
                ExpansionKey = reader.IsDBNull(16) ? null : reader.GetString(16),
            };
            if (version < LegacyTableRecords.SchemaVersion && artefact.Definition is { } legacy)
            {
                // Planned before the schema upgrade that converts them (it runs once a plan has work): read them as it will.
                artefact = artefact with { Definition = LegacyTableRecords.Converted(artefact.Signature, legacy) };
            }

            var catalog = reader.IsDBNull(11)
                ? null
                : new CatalogSnapshot(string.Empty, reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? string.Empty : reader.GetString(13));
            rows.Add(new RecordedRow(artefact, reader.GetString(3), reader.GetFieldValue<DateTime>(4), catalog, reader.GetInt64(15)));
        }

        return rows;
    }

    /// <summary>Rows by primary key: a semi-join the planner runs as one index lookup per key.</summary>
    private const string WithKeys =
        """
        WHERE (artefact_id, tenant_id) IN (SELECT k.artefact_id, k.tenant_id FROM unnest($1::text[], $2::text[]) AS k(artefact_id, tenant_id))
        """;

    /// <summary>The most recent deployment, or null when nothing was ever applied.</summary>
    public static LastDeployment? ReadLast(NpgsqlConnection connection)
    {
        if (!RunnerSchema.Exists(connection, null))
        {
            return null;
        }

        // Version 1 has no outcome column: its deployments all ran to the end. Reasons are recorded from version 6.
        var version = RunnerSchema.Version(connection, null);
        var outcome = version >= 2 ? "outcome" : "'applied'";
        var failures = version >= 2 ? "failed_units" : "'{}'::text[]";
        var reasons = version >= 6 ? "failure_reasons" : "'{}'::text[]";
        var selection = version >= 7 ? "selection" : "NULL::text";
        using var command = new NpgsqlCommand(
            $"SELECT project, bundle_version, content_hash, applied_at, {outcome}, steps, {failures}, {reasons}, {selection} FROM tenantmodels.deployment ORDER BY id DESC LIMIT 1",
            connection);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var units = reader.GetFieldValue<string[]>(6);
        var why = reader.GetFieldValue<string[]>(7);
        var failed = units.Select((unit, i) => (unit, i < why.Length ? why[i] : "no reason recorded")).ToList();
        return new LastDeployment(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTime>(3), ParseOutcome(reader.GetString(4)), reader.GetInt32(5), failed)
        {
            Selection = reader.IsDBNull(8) ? null : reader.GetString(8),
        };
    }

    private static DeploymentOutcome ParseOutcome(string text) => text switch
    {
        "running" => DeploymentOutcome.Running,
        "applied" => DeploymentOutcome.Applied,
        "partial" => DeploymentOutcome.Partial,
        "interrupted" => DeploymentOutcome.Interrupted,
        _ => throw new FormatException($"unknown deployment outcome '{text}' in tenantmodels.deployment"),
    };

    /// <summary>
    /// Under the deployment lock, a deployment still marked running has stopped without finishing (the runner was
    /// killed or lost its connection): say so, so that status tells it apart from one in progress.
    /// </summary>
    public static void MarkInterrupted(NpgsqlConnection connection)
    {
        if (RunnerSchema.Version(connection, null) < 2)
        {
            return;
        }

        using var command = new NpgsqlCommand("UPDATE tenantmodels.deployment SET outcome = 'interrupted' WHERE outcome = 'running'", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The statements that record one unit's steps, to run in the unit's transaction after its DDL: a drop deletes the
    /// row, a create upserts it with the catalog as PostgreSQL then describes the object (what verify later compares with).
    /// </summary>
    /// <remarks>
    /// One upsert for the whole unit, its rows sent as one JSON parameter, and the catalog snapshot taken by the server
    /// in the same statement: a statement per step and a round trip for the snapshot were most of a large apply's
    /// bookkeeping, and the view definitions no longer travel to the client and back.
    /// </remarks>
    public static IReadOnlyList<NpgsqlBatchCommand> SaveSteps(string bundleVersion, IEnumerable<PlanStep> steps)
    {
        var final = new Dictionary<(string, string), PlanStep>();
        foreach (var step in steps)
        {
            final[(step.ArtefactId, step.TenantId ?? string.Empty)] = step;
        }

        var commands = new List<NpgsqlBatchCommand>();
        var drops = final.Values.Where(s => s.Action == PlanStepAction.Drop).ToList();
        if (drops.Count > 0)
        {
            var delete = new NpgsqlBatchCommand(
                "DELETE FROM tenantmodels.deployed_artefact d USING unnest($1::text[], $2::text[]) AS x(artefact_id, tenant_id) WHERE d.artefact_id = x.artefact_id AND d.tenant_id = x.tenant_id");
            delete.Parameters.AddWithValue(drops.Select(d => d.ArtefactId).ToArray());
            delete.Parameters.AddWithValue(drops.Select(d => d.TenantId ?? string.Empty).ToArray());
            commands.Add(delete);
        }

        var creates = final.Values.Where(s => s.Action != PlanStepAction.Drop).ToList();
        if (creates.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand(Upsert);
            upsert.Parameters.Add(new NpgsqlParameter { Value = RowsJson(creates), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Json });
            upsert.Parameters.AddWithValue(bundleVersion);
            commands.Add(upsert);
        }

        return commands;
    }

    private const string Upsert = """
        INSERT INTO tenantmodels.deployed_artefact (artefact_id, tenant_id, checksum, definition, bundle_version, applied_at,
            kind, scope, object_name, signature, depends_on, included_tenants, catalog_columns, catalog_definition, catalog_options, expansion_key)
        SELECT r.artefact_id, r.tenant_id, r.checksum, r.definition, $2, now(), r.kind, r.scope, r.object_name, r.signature,
               r.depends_on, r.included_tenants, s.columns, s.definition, s.options, r.expansion_key
        FROM json_to_recordset($1) AS r(artefact_id text, tenant_id text, checksum text, definition text, kind text, scope text,
                                        object_name text, signature text, depends_on text[], included_tenants text[], relation text,
                                        expansion_key text)
        LEFT JOIN LATERAL (SELECT 
        """ + CatalogSnapshot.Described + """
         FROM pg_class c WHERE c.oid = to_regclass(r.relation)) s ON true
        ON CONFLICT (artefact_id, tenant_id) DO UPDATE
        SET checksum = excluded.checksum, definition = excluded.definition, bundle_version = excluded.bundle_version,
            applied_at = excluded.applied_at, kind = excluded.kind, scope = excluded.scope, object_name = excluded.object_name,
            signature = excluded.signature, depends_on = excluded.depends_on, included_tenants = excluded.included_tenants,
            catalog_columns = excluded.catalog_columns, catalog_definition = excluded.catalog_definition,
            catalog_options = excluded.catalog_options, expansion_key = excluded.expansion_key
        """;

    private static string RowsJson(IEnumerable<PlanStep> creates)
    {
        using var buffer = new System.IO.MemoryStream();
        // Non-ASCII stays UTF-8: a \u escape of it is refused by a server whose encoding is not UTF8.
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var step in creates)
            {
                json.WriteStartObject();
                json.WriteString("artefact_id", step.ArtefactId);
                json.WriteString("tenant_id", step.TenantId ?? string.Empty);
                json.WriteString("checksum", step.Checksum);
                json.WriteString("definition", step.RecordedDefinition);
                json.WriteString("kind", ManifestJson.KindName(step.Kind));
                json.WriteString("scope", ManifestJson.ScopeName(step.Scope));
                json.WriteString("object_name", step.Object);
                json.WriteString("signature", step.Signature);
                json.WriteString("expansion_key", step.ExpansionKey);
                json.WriteStartArray("depends_on");
                foreach (var id in step.DependsOn)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                if (step.IncludedTenants is { } included)
                {
                    json.WriteStartArray("included_tenants");
                    foreach (var id in included)
                    {
                        json.WriteStringValue(id);
                    }

                    json.WriteEndArray();
                }

                // The name to snapshot, for relations only: a schema, roles, grants or seed has no pg_class row of its own,
                // and a missing name (NULL) makes the lookup find nothing rather than a relation that happens to share it.
                if (step.Kind is ArtefactKind.View or ArtefactKind.MaterializedView or ArtefactKind.Table)
                {
                    json.WriteString("relation", step.Object);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The runner schema version whose record rows keep <see cref="DeployedArtefact.ExpansionKey"/>.</summary>
    public const int ExpansionKeySchemaVersion = 11;

    /// <summary>
    /// Stores the expansion keys of records the plan left as they are (<see cref="DeploymentPlan.Rekeyed"/>), each only
    /// while its row still has the checksum the key was checked against: a key says which inputs give that checksum.
    /// </summary>
    /// <returns>The records whose row was written (and whose row version therefore changed).</returns>
    public static IReadOnlyList<DeployedArtefact> StoreExpansionKeys(NpgsqlConnection connection, IReadOnlyList<DeployedArtefact> rekeyed)
    {
        if (rekeyed.Count == 0)
        {
            return Array.Empty<DeployedArtefact>();
        }

        using var command = new NpgsqlCommand(
            """
            UPDATE tenantmodels.deployed_artefact d SET expansion_key = x.expansion_key
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(artefact_id, tenant_id, checksum, expansion_key)
            WHERE d.artefact_id = x.artefact_id AND d.tenant_id = x.tenant_id AND d.checksum = x.checksum
              AND d.expansion_key IS DISTINCT FROM x.expansion_key
            RETURNING d.artefact_id, d.tenant_id
            """,
            connection);
        command.Parameters.AddWithValue(rekeyed.Select(r => r.ArtefactId).ToArray());
        command.Parameters.AddWithValue(rekeyed.Select(r => r.TenantId ?? string.Empty).ToArray());
        command.Parameters.AddWithValue(rekeyed.Select(r => r.Checksum).ToArray());
        command.Parameters.AddWithValue(rekeyed.Select(r => r.ExpansionKey ?? string.Empty).ToArray());
        var written = new HashSet<(string, string)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                written.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return rekeyed.Where(r => written.Contains((r.ArtefactId, r.TenantId ?? string.Empty))).ToList();
    }

    /// <summary>Starts the deployment row in the first unit's transaction, so even an interrupted apply leaves its version behind.</summary>
    /// <param name="selection">The tenant selection the apply was limited to, as typed; null when it covered every tenant.</param>
    public static long BeginDeployment(NpgsqlConnection connection, NpgsqlTransaction transaction, BundleManifest manifest, string? selection = null)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO tenantmodels.deployment (project, bundle_version, content_hash, steps, applied_at, outcome, selection) VALUES ($1, $2, $3, 0, now(), 'running', $4) RETURNING id",
            connection,
            transaction);
        command.Parameters.AddWithValue(manifest.Project);
        command.Parameters.AddWithValue(manifest.BundleVersion);
        command.Parameters.AddWithValue(manifest.ContentHash);
        command.Parameters.AddWithValue((object?)selection ?? DBNull.Value);
        return (long)command.ExecuteScalar()!;
    }

    public static NpgsqlBatchCommand CountSteps(long deployment, int steps)
    {
        var command = new NpgsqlBatchCommand("UPDATE tenantmodels.deployment SET steps = steps + $2 WHERE id = $1");
        command.Parameters.AddWithValue(deployment);
        command.Parameters.AddWithValue(steps);
        return command;
    }

    /// <param name="reasons">Why each of <paramref name="failedUnits"/> failed, in the same order.</param>
    public static void FinishDeployment(NpgsqlConnection connection, long deployment, IReadOnlyList<string> failedUnits, IReadOnlyList<string>? reasons = null)
    {
        using var command = new NpgsqlCommand("UPDATE tenantmodels.deployment SET outcome = $2, failed_units = $3, failure_reasons = $4 WHERE id = $1", connection);
        command.Parameters.AddWithValue(deployment);
        command.Parameters.AddWithValue(failedUnits.Count == 0 ? "applied" : "partial");
        command.Parameters.AddWithValue(failedUnits.ToArray());
        command.Parameters.AddWithValue((reasons ?? Array.Empty<string>()).ToArray());
        command.ExecuteNonQuery();
    }

    private static ArtefactKind ParseKind(string text) => InRecord(() => ManifestJson.ParseKind(text));

    private static ArtefactScope ParseScope(string text) => InRecord(() => ManifestJson.ParseScope(text));

    private static T InRecord<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new FormatException(e.Message + " in tenantmodels.deployed_artefact", e);
        }
    }
}
