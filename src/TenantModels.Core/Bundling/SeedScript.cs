using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Bundling;

/// <summary>
/// A seed's rows are staged as text in a temporary table before the typed upsert. deploy.sql stages them by INSERT
/// (plain SQL, for psql); the runner creates the same staging table and sends the bundle's CSV rows by binary COPY.
/// Both are written here from the columns, so the two ways stage exactly the same table.
/// </summary>
public static class SeedScript
{
    /// <summary>Qualified with pg_temp so a user's table of the same name can never be the one written.</summary>
    public const string StagingTable = "pg_temp.\"tm_seed\"";

    /// <summary>CREATE TEMP TABLE for the staging table, one text column per seed column.</summary>
    public static string CreateStaging(IReadOnlyList<string> columns) =>
        new SqlWriter().Append("CREATE TEMP TABLE \"tm_seed\" (").Join(", ", columns, (w, c) => w.Identifier(c).Append(" text")).Line(") ON COMMIT DROP;").ToString();

    /// <summary>The binary COPY into the staging table.</summary>
    public static string CopyCommand(IReadOnlyList<string> columns) =>
        new SqlWriter().Append("COPY ").Append(StagingTable).Append(" (").Join(", ", columns, (w, c) => w.Identifier(c)).Append(") FROM STDIN (FORMAT BINARY)").ToString();

    internal static void WriteStaging(SqlWriter sql, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        sql.Append(CreateStaging(columns));
        sql.Append("INSERT INTO ").Append(StagingTable).Append(" (").Join(", ", columns, (w, c) => w.Identifier(c)).Append(") VALUES\n")
            .Join(",\n", rows, (w, row) => w.Append("    (").Join(", ", row, (r, v) => r.Append(v is null ? "NULL" : SqlWriter.QuoteLiteral(v))).Append(")"))
            .Line(";");
    }
}

/// <summary>
/// A seed as data: its columns, its rows (text, null for NULL) and the statements that move the staged rows into the
/// table. The compiler hands it over beside the seed's SQL; the bundle stores the rows as CSV; the runner stages them
/// by COPY and runs <see cref="Upsert"/>. Nothing is read back out of SQL.
/// </summary>
public sealed record SeedData(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, string Upsert)
{
    /// <summary>This seed for one tenant of a tenant-scoped artefact: the same expansion its SQL gets, values included.</summary>
    public SeedData ExpandFor(string tenantId) => new(
        Columns,
        Rows.Select(row => (IReadOnlyList<string?>)row.Select(v => v is not null && v.Contains(ArtefactTemplate.TenantPlaceholder) ? ArtefactTemplate.Expand(v, tenantId) : v).ToList()).ToList(),
        ArtefactTemplate.Expand(Upsert, tenantId));
}

/// <summary>Where a seed's data lives in a bundle, with the checksums that cover it.</summary>
/// <param name="RowsPath">The rows as CSV (<see cref="SeedCsv"/>).</param>
/// <param name="UpsertPath">The statements run after the rows are staged.</param>
public sealed record BundleSeed(IReadOnlyList<string> Columns, string RowsPath, string RowsChecksum, string UpsertPath, string UpsertChecksum);
