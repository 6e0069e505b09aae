using System.Collections.Generic;
using System.Text;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>A column of a model as the bundle deploys it.</summary>
/// <param name="Detail">For a table column: identity, NOT NULL, default; empty otherwise.</param>
public sealed record ModelColumn(string Name, string Type, string Detail)
{
    /// <summary>
    /// The columns of a view or table artefact: a table's typed definition, else the view's signature
    /// (<c>"a" bigint, "b" numeric(12,2)</c>) cut at top-level commas. Empty for other kinds.
    /// </summary>
    public static IReadOnlyList<ModelColumn> Of(BundleArtefact artefact)
    {
        var columns = new List<ModelColumn>();
        if (artefact.Table is { } table)
        {
            foreach (var column in table.Columns)
            {
                var detail = (column.Identity ? "identity " : string.Empty) + (column.NotNull ? "not null " : string.Empty)
                    + (column.Default is null ? string.Empty : "default " + column.Default);
                columns.Add(new ModelColumn(Unquote(column.Name), column.Type, detail.Trim()));
            }

            return columns;
        }

        if (artefact.Signature is null)
        {
            return columns;
        }

        foreach (var part in SplitTopLevel(artefact.Signature))
        {
            var (name, rest) = SplitName(part.Trim());
            columns.Add(new ModelColumn(name, rest, string.Empty));
        }

        return columns;
    }

    private static IEnumerable<string> SplitTopLevel(string signature)
    {
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        foreach (var c in signature)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static (string Name, string Type) SplitName(string column)
    {
        if (column.Length > 0 && column[0] == '"')
        {
            var end = 1;
            while (end < column.Length && !(column[end] == '"' && (end + 1 >= column.Length || column[end + 1] != '"')))
            {
                end += column[end] == '"' ? 2 : 1;
            }

            return (column.Substring(1, end - 1).Replace("\"\"", "\""), column.Substring(System.Math.Min(end + 1, column.Length)).Trim());
        }

        var space = column.IndexOf(' ');
        return space < 0 ? (column, string.Empty) : (column.Substring(0, space), column.Substring(space + 1).Trim());
    }

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] == '"' && name[name.Length - 1] == '"' ? name.Substring(1, name.Length - 2).Replace("\"\"", "\"") : name;
}
