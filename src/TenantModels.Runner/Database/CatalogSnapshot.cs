using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace TenantModels.Runner.Database;

/// <summary>
/// How the catalog describes one object: its columns with their types, the version of its view definition, and its
/// options. Taken right after apply and again by verify and plan; any difference is drift.
/// </summary>
/// <remarks>
/// A view's definition is known by the transaction that last wrote its stored query tree: the <c>xmin</c> of its
/// <c>_RETURN</c> row in <c>pg_rewrite</c>. Only replacing the view (<c>CREATE OR REPLACE VIEW</c>, drop and create)
/// writes that row; renames, owners, grants, options and refreshes do not, and VACUUM FREEZE and VACUUM FULL keep it.
/// Read from the catalog like any row, it locks nothing, whereas <c>pg_get_viewdef</c> locks the view and every
/// relation it reads (so it waits behind a held lock, and over thousands of views overflows a stock lock table), and
/// it costs the same for a 1,000-branch union as for a one-line view, unlike hashing the tree (3 MB for such a union).
/// A restored or upgraded database has new versions: its views show as changed once, and the next apply recreates them. Records from runners before it hold
/// <c>pg_get_viewdef</c> text, compared as such (<see cref="LegacyDefinitions"/>) until the runner schema migrates them.
/// </remarks>
internal sealed record CatalogSnapshot(string RelKind, string Columns, string? Definition, string Options)
{
    /// <summary>The snapshot's columns of <c>pg_class c</c> (relkind, columns, definition, options), for queries here and the record's upsert.</summary>
    internal const string Described =
        "c.relkind::text AS relkind,\n"
        + "       coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)\n"
        + "                 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') AS columns,\n"
        + "       CASE WHEN c.relkind IN ('v', 'm') THEN (SELECT 'rule:' || r.xmin::text FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN')\n"
        + "            WHEN c.relkind IN ('r', 'p') THEN " + DefaultsVersion + " END AS definition,\n"
        + "       coalesce(array_to_string(c.reloptions, ','), '') AS options\n";

    /// <summary>
    /// A table's column defaults are known the same way as a view's query: by the transactions that last wrote their
    /// <c>pg_attrdef</c> rows (SET DEFAULT replaces the row, DROP DEFAULT deletes it). No expression text is compared.
    /// </summary>
    private const string DefaultsVersion =
        "'defaults:' || coalesce((SELECT string_agg(d.adnum::text || '=' || d.xmin::text, ',' ORDER BY d.adnum) FROM pg_attrdef d WHERE d.adrelid = c.oid), '')";

    // A to_regclass per name, not a join on the names' parts: an array parameter is estimated at 10 rows, so a join
    // is planned as a nested loop over all of pg_class for each name (seconds per batch at 1,000 tenants, measured).
    private const string ManyQuery = "SELECT n.name, " + Described + " FROM unnest($1::text[]) AS n(name) JOIN pg_class c ON c.oid = to_regclass(n.name)";

    /// <summary>
    /// The snapshots of the (quoted, qualified) names, in one query per <see cref="Batch"/> names; names with no
    /// relation are left out.
    /// </summary>
    /// <remarks>Batched so that no statement carries an array of every relation of every tenant.</remarks>
    public static IReadOnlyDictionary<string, CatalogSnapshot> OfRelations(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> quotedNames)
    {
        var snapshots = new Dictionary<string, CatalogSnapshot>(StringComparer.Ordinal);
        var names = quotedNames.Distinct(StringComparer.Ordinal).ToArray();
        for (var start = 0; start < names.Length; start += Batch)
        {
            using var command = new NpgsqlCommand(ManyQuery, connection, transaction);
            command.Parameters.AddWithValue(names.Skip(start).Take(Batch).ToArray());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                snapshots[reader.GetString(0)] = Read(reader, 1);
            }
        }

        return snapshots;
    }

    /// <summary>Definitions as runners before the query-tree version recorded them, for the names given only.</summary>
    public static IReadOnlyDictionary<string, string> LegacyDefinitions(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> quotedNames)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = quotedNames.Distinct(StringComparer.Ordinal).ToArray();
        for (var start = 0; start < names.Length; start += Batch)
        {
            using var command = new NpgsqlCommand(
                "SELECT n.name, pg_get_viewdef(c.oid) FROM unnest($1::text[]) AS n(name) JOIN pg_class c ON c.oid = to_regclass(n.name) WHERE c.relkind IN ('v', 'm')",
                connection, transaction);
            command.Parameters.AddWithValue(names.Skip(start).Take(Batch).ToArray());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                definitions[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return definitions;
    }

    /// <summary>
    /// Each table's constraints and indexes (always-quoted names), columns (always-quoted name, <c>format_type</c>) and NOT NULL columns,
    /// in one query per <see cref="Batch"/> tables; tables that do not exist are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, (IReadOnlySet<string> Parts, IReadOnlyDictionary<string, string> Columns, IReadOnlySet<string> NotNull, string Defaults)> ShapeOfTables(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> quotedNames)
    {
        var shapes = new Dictionary<string, (IReadOnlySet<string>, IReadOnlyDictionary<string, string>, IReadOnlySet<string>, string)>(StringComparer.Ordinal);
        var names = quotedNames.Distinct(StringComparer.Ordinal).ToArray();
        for (var start = 0; start < names.Length; start += Batch)
        {
            using var command = new NpgsqlCommand(
                """
                SELECT n.name,
                       ARRAY(SELECT '"' || replace(k.conname, '"', '""') || '"' FROM pg_catalog.pg_constraint AS k WHERE k.conrelid = c.oid
                             UNION ALL
                             SELECT '"' || replace(ic.relname, '"', '""') || '"' FROM pg_catalog.pg_index AS i JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid),
                       ARRAY(SELECT '"' || replace(a.attname, '"', '""') || '"' FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                       ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                       ARRAY(SELECT '"' || replace(a.attname, '"', '""') || '"' FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull),
                """ + DefaultsVersion + """
                FROM unnest($1::text[]) AS n(name) JOIN pg_catalog.pg_class AS c ON c.oid = to_regclass(n.name)
                """,
                connection, transaction);
            command.Parameters.AddWithValue(names.Skip(start).Take(Batch).ToArray());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var columnNames = reader.GetFieldValue<string[]>(2);
                var columnTypes = reader.GetFieldValue<string[]>(3);
                var columns = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < columnNames.Length; i++)
                {
                    columns[columnNames[i]] = columnTypes[i];
                }

                shapes[reader.GetString(0)] = (new HashSet<string>(reader.GetFieldValue<string[]>(1), StringComparer.Ordinal), columns,
                    new HashSet<string>(reader.GetFieldValue<string[]>(4), StringComparer.Ordinal), reader.GetString(5));
            }
        }

        return shapes;
    }

    /// <summary>Whether a recorded definition is the query-tree version (not <c>pg_get_viewdef</c> text).</summary>
    public static bool IsFingerprint(string definition) =>
        definition.StartsWith("rule:", StringComparison.Ordinal) || definition.StartsWith(DefaultsPrefix, StringComparison.Ordinal);

    /// <summary>How a table's snapshot definition (the version of its column defaults) starts.</summary>
    public const string DefaultsPrefix = "defaults:";

    /// <summary>How many relations one snapshot query reads.</summary>
    internal const int Batch = 1000;

    /// <summary>The (quoted) schema names that do not exist, in one query.</summary>
    public static IReadOnlySet<string> MissingSchemas(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> quotedNames)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var names = quotedNames.Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            return missing;
        }

        using var command = new NpgsqlCommand("SELECT n.name FROM unnest($1::text[]) AS n(name) WHERE to_regnamespace(n.name) IS NULL", connection, transaction);
        command.Parameters.AddWithValue(names);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            missing.Add(reader.GetString(0));
        }

        return missing;
    }

    private static CatalogSnapshot Read(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        reader.GetString(first + 3));

}
