using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Database;

/// <summary>
/// Which managed schemas can skip the object-by-object comparison because neither they nor their record changed since
/// an apply last compared them and found nothing: the one thing the record remembers about the live database that the
/// database could tell again, kept because telling it again costs a catalog lookup per relation (seconds at 10,000
/// tenants, <c>docs/performance.md</c>).
/// </summary>
/// <remarks>
/// <para>
/// A schema's live fingerprint counts and sums the <c>xmin</c> of every catalog row that describes it and its
/// relations: the schema itself (owner, privileges), its relations (kind, owner, privileges, options, RLS flags), their
/// columns, defaults, stored queries, indexes, policies and triggers, and its constraints. Any DDL, GRANT or REVOKE on
/// them writes a new row version (a newer transaction id) or deletes one, so the fingerprint changes; statistics
/// (ANALYZE, VACUUM) are written in place and do not change it. Reading catalog rows locks no relation, so this is one
/// statement for every schema, whatever the lock table holds.
/// </para>
/// <para>
/// The stored key also covers the record's rows of the schema and <see cref="ComparisonVersion"/>: a comparison that
/// found nothing is only worth repeating when the database, the record or the comparison changed. The live fingerprint
/// is read before the comparison, so a change made while it runs is either seen by it or changes the fingerprint.
/// Only <c>apply</c>, under the deployment lock, stores keys; <c>verify</c> and <c>plan</c> only read them.
/// </para>
/// </remarks>
internal static class SchemaFingerprints
{
    /// <summary>Bump when the object comparison learns to find something new, so that no stored key hides it.</summary>
    private const string ComparisonVersion = "2";

    /// <summary>The runner schema version that holds <c>tenantmodels.schema_fingerprint</c>.</summary>
    public const int SchemaVersion = 8;

    // Columns by index, relation by relation (a system column never changes): a hash join would read all of
    // pg_attribute, about 90 rows per tenant at 10 models, most of them the sources' and system columns.
    private const string LiveQuery =
        """
        WITH s AS (SELECT x.name, to_regnamespace(x.name) AS oid FROM unnest($1::text[]) AS x(name)),
             r AS (SELECT c.oid, c.relnamespace AS ns, c.xmin FROM pg_catalog.pg_class AS c WHERE c.relnamespace IN (SELECT oid FROM s))
        SELECT s.name, f.part, f.rows, f.total
        FROM s JOIN (
            SELECT n.oid AS ns, 'n' AS part, 1::bigint AS rows, n.xmin::text::bigint AS total FROM pg_catalog.pg_namespace AS n WHERE n.oid IN (SELECT oid FROM s)
            UNION ALL SELECT r.ns, 'c', count(*), sum(r.xmin::text::bigint) FROM r GROUP BY r.ns
            UNION ALL SELECT r.ns, 'a', sum(a.rows)::bigint, sum(a.total) FROM r CROSS JOIN LATERAL (
                SELECT count(*) AS rows, sum(a.xmin::text::bigint) AS total FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = r.oid AND a.attnum > 0) AS a GROUP BY r.ns
            UNION ALL SELECT r.ns, 'd', count(*), sum(d.xmin::text::bigint) FROM pg_catalog.pg_attrdef AS d JOIN r ON r.oid = d.adrelid GROUP BY r.ns
            UNION ALL SELECT r.ns, 'w', count(*), sum(w.xmin::text::bigint) FROM pg_catalog.pg_rewrite AS w JOIN r ON r.oid = w.ev_class GROUP BY r.ns
            UNION ALL SELECT r.ns, 'i', count(*), sum(i.xmin::text::bigint) FROM pg_catalog.pg_index AS i JOIN r ON r.oid = i.indrelid GROUP BY r.ns
            UNION ALL SELECT r.ns, 'p', count(*), sum(p.xmin::text::bigint) FROM pg_catalog.pg_policy AS p JOIN r ON r.oid = p.polrelid GROUP BY r.ns
            UNION ALL SELECT r.ns, 't', count(*), sum(t.xmin::text::bigint) FROM pg_catalog.pg_trigger AS t JOIN r ON r.oid = t.tgrelid GROUP BY r.ns
            UNION ALL SELECT k.connamespace, 'k', count(*), sum(k.xmin::text::bigint) FROM pg_catalog.pg_constraint AS k WHERE k.connamespace IN (SELECT oid FROM s) GROUP BY k.connamespace
        ) AS f ON f.ns = s.oid
        """;

    /// <summary>The live fingerprint of each (quoted) schema that exists, in one statement.</summary>
    public static IReadOnlyDictionary<string, string> Live(NpgsqlConnection connection, IReadOnlyCollection<string> quotedSchemas)
    {
        var parts = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        if (quotedSchemas.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        using var command = new NpgsqlCommand(LiveQuery, connection);
        command.Parameters.AddWithValue(quotedSchemas.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var schema = reader.GetString(0);
            if (!parts.TryGetValue(schema, out var ofSchema))
            {
                parts[schema] = ofSchema = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            // A sum over no row (relations without columns: a zero-column view) is NULL.
            var total = reader.IsDBNull(3) ? "-" : reader.GetDecimal(3).ToString(CultureInfo.InvariantCulture);
            ofSchema[reader.GetString(1)] = (reader.IsDBNull(2) ? 0 : reader.GetInt64(2)).ToString(CultureInfo.InvariantCulture) + ":" + total;
        }

        return parts.ToDictionary(p => p.Key, p => string.Join(",", p.Value.Select(v => v.Key + v.Value)), StringComparer.Ordinal);
    }

    /// <summary>The keys stored by the last applies, or none before the runner schema holds them.</summary>
    public static IReadOnlyDictionary<string, string> Stored(NpgsqlConnection connection)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RunnerSchema.Version(connection, null) < SchemaVersion)
        {
            return stored;
        }

        using var command = new NpgsqlCommand("SELECT schema_name, fingerprint FROM tenantmodels.schema_fingerprint", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            stored[reader.GetString(0)] = reader.GetString(1);
        }

        return stored;
    }

    /// <summary>
    /// The key of one schema: its live fingerprint with the identity and row version (<c>xmin</c>) of each of its record
    /// rows. Any write to a row changes its version, so the key changes with anything the record says about the schema,
    /// without reading (or hashing) the catalog snapshots, which only a schema that is compared needs.
    /// </summary>
    public static string Key(string liveFingerprint, IEnumerable<RecordedRow> rowsOfSchema)
    {
        var text = new StringBuilder(ComparisonVersion).Append('\n').Append(liveFingerprint).Append('\n');
        foreach (var row in rowsOfSchema)
        {
            text.Append(row.Artefact.ArtefactId).Append('\u001f').Append(row.Artefact.TenantId).Append('\u001f')
                .Append(row.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\u001e');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    /// <summary>
    /// Keeps exactly the keys of <paramref name="verified"/> (schemas found unchanged or compared clean by this run), in
    /// the apply's connection under its lock, writing only the keys that differ from those stored: nothing at all after
    /// a no-op apply. Does nothing on a runner schema older than <see cref="SchemaVersion"/>: a no-op apply does not
    /// upgrade it.
    /// </summary>
    /// <param name="scope">When given, only these schemas' keys are replaced or removed; the others stay as stored.</param>
    public static void Store(NpgsqlConnection connection, IReadOnlyDictionary<string, string> verified, IReadOnlySet<string>? scope = null)
    {
        if (RunnerSchema.Version(connection, null) < SchemaVersion)
        {
            return;
        }

        var stored = Stored(connection);
        var gone = stored.Where(s => (scope is null || scope.Contains(s.Key)) && (!verified.TryGetValue(s.Key, out var key) || key != s.Value)).Select(s => s.Key).ToArray();
        var fresh = verified.Where(v => !stored.TryGetValue(v.Key, out var key) || key != v.Value).ToArray();
        if (gone.Length == 0 && fresh.Length == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        using (var delete = new NpgsqlCommand("DELETE FROM tenantmodels.schema_fingerprint WHERE schema_name = ANY($1)", connection, transaction))
        {
            delete.Parameters.AddWithValue(gone);
            delete.ExecuteNonQuery();
        }

        using (var insert = new NpgsqlCommand(
            "INSERT INTO tenantmodels.schema_fingerprint (schema_name, fingerprint) SELECT * FROM unnest($1::text[], $2::text[])",
            connection, transaction))
        {
            insert.Parameters.AddWithValue(fresh.Select(f => f.Key).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(f => f.Value).ToArray());
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// The (quoted) schema a record's object lives in: a schema is its own; any other object's is the first part of its
    /// always-quoted qualified name. Null for a record without a qualified object name.
    /// </summary>
    public static string? SchemaOf(Core.Planning.DeployedArtefact record) =>
        record.Object is not { Length: > 0 } name ? null : record.Kind == ArtefactKind.Schema ? name : SchemaOf(name);

    /// <summary>The first part of an always-quoted qualified name (<c>"s"."t"</c> → <c>"s"</c>), or the name itself when it has one part.</summary>
    public static string? SchemaOf(string quotedName)
    {
        if (quotedName.Length == 0 || quotedName[0] != '"')
        {
            return null;
        }

        for (var i = 1; i < quotedName.Length; i++)
        {
            if (quotedName[i] != '"')
            {
                continue;
            }

            if (i + 1 < quotedName.Length && quotedName[i + 1] == '"')
            {
                i++;
                continue;
            }

            return i + 1 == quotedName.Length ? quotedName : quotedName[i + 1] == '.' ? quotedName[..(i + 1)] : null;
        }

        return null;
    }
}
