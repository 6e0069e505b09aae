using System.Collections.Generic;
using System.Text;

namespace TenantModels.Core.Parsing;

/// <summary>A field of a CSV file with its 1-based position, and whether it was quoted (a quoted empty field is an empty string, not NULL).</summary>
public readonly record struct CsvField(string Value, bool Quoted, int Line, int Column);

/// <summary>RFC 4180 CSV: comma separated, double-quoted fields with doubled quotes, line breaks inside quotes; LF or CRLF.</summary>
public static class CsvReader
{
    /// <returns>Rows of fields; <paramref name="error"/> describes an unterminated quote (with its position) when reading stopped early.</returns>
    public static IReadOnlyList<IReadOnlyList<CsvField>> Read(string text, out (string Message, int Line, int Column)? error)
    {
        error = null;
        var rows = new List<IReadOnlyList<CsvField>>();
        var row = new List<CsvField>();
        var field = new StringBuilder();
        int line = 1, column = 1, fieldLine = 1, fieldColumn = 1;
        var quoted = false;
        var inQuotes = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        void EndField()
        {
            row.Add(new CsvField(field.ToString(), quoted, fieldLine, fieldColumn));
            field.Clear();
            quoted = false;
            fieldLine = line;
            fieldColumn = column;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                    column += 2;
                    continue;
                }

                if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }

                if (c == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !quoted:
                    inQuotes = true;
                    quoted = true;
                    column++;
                    break;
                case ',':
                    column++;
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    line++;
                    column = 1;
                    EndField();
                    rows.Add(row);
                    row = new List<CsvField>();
                    break;
                default:
                    field.Append(c);
                    column++;
                    break;
            }
        }

        if (inQuotes)
        {
            error = ("a quoted field is not closed before the end of the file", fieldLine, fieldColumn);
        }

        if (field.Length > 0 || quoted || row.Count > 0)
        {
            EndField();
            rows.Add(row);
        }

        return rows;
    }
}
