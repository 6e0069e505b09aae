using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

internal static class TypeBinder
{
    public static IReadOnlyList<BoundColumn> BindColumns(IReadOnlyList<ColumnSyntax> columns, DiagnosticBag diagnostics)
    {
        var bound = new List<BoundColumn>();
        foreach (var column in columns)
        {
            if (!PostgresTypes.TryParse(column.Type.Value, out var type))
            {
                // Keep the column so references to it still resolve; the bundle is not produced anyway.
                type = PostgresTypes.Unknown;
                var hint = column.Type.Value.Contains("(") && !column.Type.Value.Contains(")")
                    ? $"; inside {{ }} a comma separates entries, so quote the type: type: \"{column.Type.Value.Trim()},…)\""
                    : NameSuggestions.DidYouMean(column.Type.Value.Trim().ToLowerInvariant(), PostgresTypes.Suggestions());
                diagnostics.Report(DefinitionDiagnostics.UnknownType, column.Type.Location, column.Type.Value, hint, PostgresTypes.Supported);
            }

            bound.Add(new BoundColumn(column.Name.Value, type, column.Nullable, column.Name.Location, column.Default?.Value, column.Identity, column.Description,
                column.RenamedFrom?.Select(n => n.Value).ToList()));
        }

        return bound;
    }
}
