using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// A table per tenant (in the tenant schema) or one shared table (in the shared schema) with the tenant column
/// first and leading every key, foreign key and index — so no constraint error can reveal another tenant's rows.
/// </summary>
internal static class TableCompiler
{
    public static CompiledArtefact Compile(BoundProject project, BoundModel model)
    {
        var shared = model.Scope == ModelScope.Shared;
        var schema = ModelLocation.Schema(project, model);
        var keys = model.Keys ?? new BoundTableKeys(new string[0], new IReadOnlyList<string>[0], new BoundIndex[0], new BoundForeignKey[0]);
        IReadOnlyList<string> Scoped(IReadOnlyList<string> columns) =>
            shared ? new[] { BoundProject.TenantColumn }.Concat(columns).ToList() : columns;

        var columns = new List<TableColumn>();
        if (shared)
        {
            columns.Add(new TableColumn(SqlWriter.QuoteIdentifier(BoundProject.TenantColumn), "text", false, true, null));
        }

        columns.AddRange(model.Columns.Select(c => new TableColumn(SqlWriter.QuoteIdentifier(c.Name), c.Type.SqlName, c.Identity, !c.Nullable, c.Default)));
        var constraints = new List<TableConstraint>();
        if (keys.PrimaryKey.Count > 0)
        {
            constraints.Add(Constraint(ConstraintNames.PrimaryKey(model.Name), "PRIMARY KEY " + ColumnList(Scoped(keys.PrimaryKey))));
        }

        constraints.AddRange(keys.Unique.Select(u => Constraint(ConstraintNames.Unique(model.Name, u), "UNIQUE " + ColumnList(Scoped(u)))));
        constraints.AddRange(keys.ForeignKeys.Select(fk => Constraint(
            ConstraintNames.ForeignKey(model.Name, fk.Columns),
            "FOREIGN KEY " + ColumnList(Scoped(fk.Columns)) + " REFERENCES " + SqlWriter.QualifiedName(schema, fk.References)
                + " " + ColumnList(Scoped(fk.To)) + " ON DELETE " + fk.OnDelete)));

        var indexes = keys.Indexes.ToList();
        if (shared && keys.PrimaryKey.Count == 0 && keys.Unique.Count == 0 && indexes.Count == 0)
        {
            // Every shared-table query filters on the tenant column (RLS does): give it an index when nothing else leads with it.
            indexes.Add(new BoundIndex(new string[0], false));
        }

        var table = new TableDefinition(columns, constraints, indexes.Select(i => Index(schema, model.Name, Scoped(i.Columns), i.Unique)).ToList());
        var sql = TableSql.Create(SqlWriter.QualifiedName(schema, model.Name), table);
        if (shared && CitusSharedSql.Applies(project))
        {
            CitusSharedSql.DistributeTable(sql, SqlWriter.QualifiedName(schema, model.Name));
        }

        var dependsOn = new List<string> { shared ? ArtefactIds.SharedSchema : ArtefactIds.TenantSchema };
        dependsOn.AddRange(keys.ForeignKeys.Select(fk => ArtefactIds.Table(fk.References)).Distinct().OrderBy(id => id, System.StringComparer.Ordinal));
        return new CompiledArtefact(
            ArtefactIds.Table(model.Name),
            ArtefactKind.Table,
            ModelLocation.ScopeOf(model),
            null,
            sql.ToString(),
            dependsOn,
            SqlWriter.QualifiedName(schema, model.Name),
            table.Signature,
            Renames(model),
            table);
    }

    /// <summary>Also used for materialized views' indexes.</summary>
    public static void IndexStatement(SqlWriter sql, string schema, string table, IReadOnlyList<string> columns, bool unique) =>
        sql.Line(Index(schema, table, columns, unique).Statement);

    public static TableIndex Index(string schema, string table, IReadOnlyList<string> columns, bool unique)
    {
        var name = ConstraintNames.Index(table, columns);
        var statement = new SqlWriter().Append(unique ? "CREATE UNIQUE INDEX IF NOT EXISTS " : "CREATE INDEX IF NOT EXISTS ")
            .Identifier(name).Append(" ON ").Qualified(schema, table).Append(" ").Append(ColumnList(columns)).Append(";");
        return new TableIndex(SqlWriter.QuoteIdentifier(name), statement.ToString());
    }

    private static IReadOnlyList<ColumnRename>? Renames(BoundModel model)
    {
        var renames = model.Columns.Where(c => c.RenamedFrom is { Count: > 0 }).Select(c => new ColumnRename(c.Name, c.RenamedFrom!)).ToList();
        return renames.Count == 0 ? null : renames;
    }

    private static TableConstraint Constraint(string name, string body) => new(SqlWriter.QuoteIdentifier(name), body);

    private static string ColumnList(IEnumerable<string> columns) =>
        "(" + string.Join(", ", columns.Select(SqlWriter.QuoteIdentifier).ToArray()) + ")";
}
