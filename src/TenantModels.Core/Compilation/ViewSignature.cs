using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>A view's output columns as one comparable string; the planner recreates a view (and its dependents) when it changes.</summary>
internal static class ViewSignature
{
    public static string Of(IEnumerable<BoundColumn> columns, params (string Name, string Type)[] extra) =>
        string.Join(", ", columns.Select(c => (c.Name, c.Type.SqlName)).Concat(extra)
            .Select(c => SqlWriter.QuoteIdentifier(c.Item1) + " " + c.Item2).ToArray());
}
