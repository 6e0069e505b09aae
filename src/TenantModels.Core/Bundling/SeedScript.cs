using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Bundling;

/// <summary>
/// A seed artefact's rows, staged as text in a temporary table before the typed upsert. The script is plain SQL
/// (deploy.sql runs it as is); its first two statements have a fixed shape so the runner can replace the staging
/// INSERT by a binary COPY of the same rows: <see cref="TryParse"/> reads back exactly what <see cref="WriteStaging"/> wrote.
/// </summary>
public sealed record SeedScript(string CreateStaging, string CopyCommand, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, string Rest)
{
    /// <summary>Qualified with pg_temp so a user's table of the same name can never be the one written.</summary>
    public const string StagingTable = "pg_temp.\"tm_seed\"";

    private const string CreatePrefix = "CREATE TEMP TABLE \"tm_seed\" (";
    private const string CreateSuffix = ") ON COMMIT DROP;\n";
    private const string InsertPrefix = "INSERT INTO " + StagingTable + " (";
    private const string InsertSuffix = ") VALUES\n";

    internal static void WriteStaging(SqlWriter sql, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        sql.Append(CreatePrefix).Join(", ", columns, (w, c) => w.Identifier(c).Append(" text")).Append(CreateSuffix);
        sql.Append(InsertPrefix).Join(", ", columns, (w, c) => w.Identifier(c)).Append(InsertSuffix)
            .Join(",\n", rows, (w, row) => w.Append("    (").Join(", ", row, (r, v) => r.Append(v is null ? "NULL" : SqlWriter.QuoteLiteral(v))).Append(")"))
            .Line(";");
    }

    /// <summary>Splits a seed artefact's SQL into the staging table, its rows and the rest; false when it stages no rows.</summary>
    public static bool TryParse(string sql, out SeedScript? script)
    {
        script = null;
        var createEnd = sql.IndexOf(CreateSuffix, StringComparison.Ordinal);
        if (!sql.StartsWith(CreatePrefix, StringComparison.Ordinal) || createEnd < 0)
        {
            return false;
        }

        var position = createEnd + CreateSuffix.Length;
        var columnsEnd = sql.IndexOf(InsertSuffix, position, StringComparison.Ordinal);
        if (string.CompareOrdinal(sql, position, InsertPrefix, 0, InsertPrefix.Length) != 0 || columnsEnd < 0)
        {
            return false;
        }

        var columnList = sql.Substring(position + InsertPrefix.Length, columnsEnd - position - InsertPrefix.Length);
        var columns = columnList.Split(new[] { ", " }, StringSplitOptions.None).Select(UnquoteIdentifier).ToList();
        position = columnsEnd + InsertSuffix.Length;
        var rows = new List<IReadOnlyList<string?>>();
        while (true)
        {
            Expect(sql, ref position, "    (");
            var row = new List<string?>(columns.Count);
            while (true)
            {
                row.Add(ReadValue(sql, ref position));
                if (At(sql, position) == ')')
                {
                    position++;
                    break;
                }

                Expect(sql, ref position, ", ");
            }

            if (row.Count != columns.Count)
            {
                throw new FormatException($"seed row {rows.Count + 1} has {row.Count} values for {columns.Count} columns");
            }

            rows.Add(row);
            if (At(sql, position) == ';')
            {
                Expect(sql, ref position, ";\n");
                break;
            }

            Expect(sql, ref position, ",\n");
        }

        var create = sql.Substring(0, createEnd + CreateSuffix.Length);
        var copy = "COPY " + StagingTable + " (" + columnList + ") FROM STDIN (FORMAT BINARY)";
        script = new SeedScript(create, copy, columns, rows, sql.Substring(position));
        return true;
    }

    private static string? ReadValue(string sql, ref int position)
    {
        if (string.CompareOrdinal(sql, position, "NULL", 0, 4) == 0)
        {
            position += 4;
            return null;
        }

        Expect(sql, ref position, "'");
        var value = new StringBuilder();
        while (true)
        {
            var quote = sql.IndexOf('\'', position);
            if (quote < 0)
            {
                throw new FormatException("unterminated literal in seed rows");
            }

            value.Append(sql, position, quote - position);
            position = quote + 1;
            if (position < sql.Length && sql[position] == '\'')
            {
                value.Append('\'');
                position++;
                continue;
            }

            return value.ToString();
        }
    }

    private static char At(string sql, int position) => position < sql.Length ? sql[position] : '\0';

    private static void Expect(string sql, ref int position, string text)
    {
        if (string.CompareOrdinal(sql, position, text, 0, text.Length) != 0)
        {
            throw new FormatException($"seed rows are not in the compiler's format at offset {position} (expected '{text.Replace("\n", "\\n")}')");
        }

        position += text.Length;
    }

    private static string UnquoteIdentifier(string quoted) =>
        quoted.Length >= 2 && quoted[0] == '"' && quoted[quoted.Length - 1] == '"'
            ? quoted.Substring(1, quoted.Length - 2).Replace("\"\"", "\"")
            : throw new FormatException($"seed column '{quoted}' is not a quoted identifier");
}
