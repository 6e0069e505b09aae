using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TenantModels.Core.Bundling;

/// <summary>
/// Seed rows as CSV (RFC 4180, with a header), with PostgreSQL's convention for NULL: an unquoted empty field is NULL,
/// every value is written quoted, so <c>""</c> is the empty string. <c>COPY ... (FORMAT csv)</c> reads the files as they are.
/// </summary>
public static class SeedCsv
{
    public static string Write(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", columns.Select(Quote).ToArray())).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(string.Join(",", row.Select(v => v is null ? string.Empty : Quote(v)).ToArray())).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The rows (the header is checked against <paramref name="columns"/>).</summary>
    /// <exception cref="FormatException">Not CSV, another header, or a row with another number of fields.</exception>
    public static IReadOnlyList<IReadOnlyList<string?>> Read(string text, IReadOnlyList<string> columns)
    {
        var records = Records(text);
        if (records.Count == 0 || !records[0].SequenceEqual(columns))
        {
            throw new FormatException("the seed's CSV header does not name its columns");
        }

        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Count != columns.Count)
            {
                throw new FormatException($"seed CSV row {i} has {records[i].Count} fields for {columns.Count} columns");
            }
        }

        return records.Skip(1).ToList();
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static List<IReadOnlyList<string?>> Records(string text)
    {
        var records = new List<IReadOnlyList<string?>>();
        var record = new List<string?>();
        var i = 0;
        while (i < text.Length)
        {
            string? field;
            if (text[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field in seed CSV");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i++]);
                }

                field = value.ToString();
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not (',' or '\n'))
                {
                    i++;
                }

                field = i == start ? null : text.Substring(start, i - start);
            }

            record.Add(field);
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i < text.Length && text[i] != '\n')
            {
                throw new FormatException($"unexpected '{text[i]}' after a field in seed CSV");
            }

            i++;
            records.Add(record);
            record = new List<string?>();
        }

        return records;
    }
}
