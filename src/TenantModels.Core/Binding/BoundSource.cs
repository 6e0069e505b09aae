using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;

namespace TenantModels.Core.Binding;

public sealed record BoundSource(string Name, NamingPattern RawSchema, IReadOnlyDictionary<string, BoundTable> Tables, SourceLocation Location);

public sealed record BoundTable(string Name, IReadOnlyList<BoundColumn> Columns)
{
    public BoundColumn? Column(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }
}
