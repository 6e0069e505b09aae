using System.Collections.Generic;
using System.Text;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Check;

/// <summary>
/// An empty object with exactly an artefact's declared columns (its signature), created in place of an artefact that reads
/// a raw source table: the bundle knows a raw schema's name but not its tables' columns, so such an artefact cannot run in
/// a scratch database, while what depends on it (canonical views, SQL models) can still be checked against its shape.
/// </summary>
internal static class StandIn
{
    /// <summary>The statement creating the stand-in, or null when the artefact has no signature (not a view).</summary>
    public static string? Sql(BundleArtefact artefact, string qualifiedName)
    {
        if (artefact.Signature is null || artefact.Kind is not (ArtefactKind.View or ArtefactKind.MaterializedView))
        {
            return null;
        }

        var columns = Columns(artefact.Signature);
        var select = new StringBuilder("SELECT ");
        for (var i = 0; i < columns.Count; i++)
        {
            select.Append(i == 0 ? string.Empty : ", ").Append("CAST(NULL AS ").Append(columns[i].Type).Append(") AS ").Append(columns[i].Name);
        }

        select.Append(" WHERE false");
        return artefact.Kind == ArtefactKind.MaterializedView
            ? $"CREATE MATERIALIZED VIEW {qualifiedName} AS {select};"
            : $"CREATE VIEW {qualifiedName} AS {select};";
    }

    /// <summary>
    /// Splits <c>"a" bigint, "b" numeric(12,2)</c> into quoted names and types: at commas outside quotes and parentheses,
    /// since a type may hold a comma and a quoted name may hold anything.
    /// </summary>
    public static IReadOnlyList<(string Name, string Type)> Columns(string signature)
    {
        var columns = new List<(string, string)>();
        var i = 0;
        while (i < signature.Length)
        {
            // The quoted name: "" inside it is an escaped quote.
            var start = i;
            i++;
            while (i < signature.Length && !(signature[i] == '"' && (i + 1 >= signature.Length || signature[i + 1] != '"')))
            {
                i += signature[i] == '"' ? 2 : 1;
            }

            var name = signature.Substring(start, i + 1 - start);
            i += 2;
            var typeStart = i;
            var depth = 0;
            while (i < signature.Length && !(signature[i] == ',' && depth == 0))
            {
                depth += signature[i] == '(' ? 1 : signature[i] == ')' ? -1 : 0;
                i++;
            }

            columns.Add((name, signature.Substring(typeStart, i - typeStart).Trim()));
            i += 2;
        }

        return columns;
    }
}
