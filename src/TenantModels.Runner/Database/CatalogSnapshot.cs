using Npgsql;

namespace TenantModels.Runner.Database;

/// <summary>
/// How the catalog describes one object: its columns with their types, its view definition as PostgreSQL prints it,
/// and its options. Taken right after apply and again by verify; any difference is drift.
/// </summary>
internal sealed record CatalogSnapshot(string RelKind, string Columns, string? Definition, string Options)
{
    private const string Query = """
        SELECT c.relkind::text,
               coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                         FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), ''),
               CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
               coalesce(array_to_string(c.reloptions, ','), '')
        FROM pg_class c
        WHERE c.oid = to_regclass($1)
        """;

    /// <summary>Null when no relation has that (quoted, qualified) name.</summary>
    public static CatalogSnapshot? OfRelation(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quotedName)
    {
        using var command = new NpgsqlCommand(Query, connection, transaction);
        command.Parameters.AddWithValue(quotedName);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new CatalogSnapshot(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3))
            : null;
    }

    public static bool SchemaExists(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quotedName)
    {
        using var command = new NpgsqlCommand("SELECT to_regnamespace($1) IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue(quotedName);
        return (bool)command.ExecuteScalar()!;
    }
}
