using System.Linq;
using TenantModels.Core.Planning;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>The reviewable SQL of a table, written from its typed <see cref="TableDefinition"/>: the SQL never is the source of the shape.</summary>
internal static class TableSql
{
    public static SqlWriter Create(string qualifiedName, TableDefinition table)
    {
        var lines = table.Columns.Select(c => "    " + c.Sql)
            .Concat(table.Constraints.Select(c => "    CONSTRAINT " + c.Name + " " + c.Body));
        var sql = new SqlWriter()
            .Append("CREATE TABLE IF NOT EXISTS ").Append(qualifiedName).Line(" (")
            .Line(string.Join(",\n", lines.ToArray()))
            .Line(table.Partitioning is null ? ");" : ") " + table.Partitioning + ";");
        foreach (var index in table.Indexes)
        {
            sql.Line(index.Statement);
        }

        return sql;
    }
}
