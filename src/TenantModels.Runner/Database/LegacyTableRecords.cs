using System.Collections.Generic;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning.Legacy;

namespace TenantModels.Runner.Database;

/// <summary>
/// Runner schema step 4: tables recorded with their CREATE TABLE text get their shape recorded as data, read back from
/// that text this once. A text not in the compiler's format is left as it is (planning reports it when the table changes).
/// </summary>
internal static class LegacyTableRecords
{
    /// <summary>The runner schema version from which records hold table shapes as data.</summary>
    public const int SchemaVersion = 4;

    /// <summary>A recorded definition as a version-4 record holds it: a table's shape as JSON; null when the text cannot be read.</summary>
    public static string? Converted(string? signature, string definition) =>
        TableDefinitionJson.IsJson(definition) ? definition
        : signature is not null && LegacyTableSql.TryParse(signature, definition, out var table) ? TableDefinitionJson.Write(table!)
        : null;

    public static void Convert(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var converted = new List<(string Artefact, string Tenant, string Json)>();
        using (var read = new NpgsqlCommand(
            "SELECT artefact_id, tenant_id, signature, definition FROM tenantmodels.deployed_artefact WHERE kind = 'table' AND signature IS NOT NULL AND definition NOT LIKE '{%'",
            connection,
            transaction))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                if (Converted(reader.GetString(2), reader.GetString(3)) is { } json)
                {
                    converted.Add((reader.GetString(0), reader.GetString(1), json));
                }
            }
        }

        if (converted.Count == 0)
        {
            return;
        }

        using var write = new NpgsqlCommand(
            """
            UPDATE tenantmodels.deployed_artefact d SET definition = c.definition
            FROM unnest($1::text[], $2::text[], $3::text[]) AS c(artefact_id, tenant_id, definition)
            WHERE d.artefact_id = c.artefact_id AND d.tenant_id = c.tenant_id
            """,
            connection,
            transaction);
        write.Parameters.AddWithValue(converted.ConvertAll(c => c.Artefact).ToArray());
        write.Parameters.AddWithValue(converted.ConvertAll(c => c.Tenant).ToArray());
        write.Parameters.AddWithValue(converted.ConvertAll(c => c.Json).ToArray());
        write.ExecuteNonQuery();
    }
}
