using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning.Legacy;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// A hand-built bundle with a table per tenant in the compiler's format (TableCompiler: column lines, CONSTRAINT
/// lines, CREATE INDEX IF NOT EXISTS statements; the signature is the column definitions joined by ", "), a seed
/// upsert, a view over the table and a materialized view, so ALTER planning is tested independently of the compiler.
/// </summary>
internal static class TableBundles
{
    public const string T = ArtefactTemplate.TenantPlaceholder;

    public static readonly BundleTenant[] Tenants =
    {
        new("shop_a", "Shop A", true, Array.Empty<string>()),
        new("shop_b", "Shop B", true, Array.Empty<string>()),
    };

    /// <summary>Column definitions as TableCompiler writes them (without the leading indentation).</summary>
    public static readonly string[] BaseColumns =
    {
        "\"id\" integer NOT NULL",
        "\"name\" varchar(10) NOT NULL",
        "\"note\" text DEFAULT 'a, (b)'",
    };

    public static readonly string[] BaseConstraints = { "CONSTRAINT \"product_pkey\" PRIMARY KEY (\"id\")" };

    public static readonly string[] BaseIndexes = { $"CREATE INDEX IF NOT EXISTS \"product_name_idx\" ON \"{T}_shop\".\"product\" (\"name\");" };

    public static string TableSql(IEnumerable<string> columns, IEnumerable<string> constraints, IEnumerable<string> indexes) =>
        $"CREATE TABLE IF NOT EXISTS \"{T}_shop\".\"product\" (\n"
        + string.Join(",\n", columns.Concat(constraints).Select(l => "    " + l)) + "\n);\n"
        + string.Concat(indexes.Select(i => i + "\n"));

    public static string Seed(string columns, params string[] rows) =>
        $"INSERT INTO \"{T}_shop\".\"product\" ({columns}) VALUES\n" + string.Join(",\n", rows.Select(r => "    (" + r + ")"))
        + "\nON CONFLICT (\"id\") DO UPDATE SET " + string.Join(", ", columns.Split(", ").Where(c => c != "\"id\"").Select(c => $"{c} = EXCLUDED.{c}")) + ";\n";

    public static readonly string BaseSeed = Seed("\"id\", \"name\"", "CAST('1' AS integer), CAST('apple' AS varchar(10))", "CAST('2' AS integer), CAST('pear' AS varchar(10))");

    public const string BaseView = "CREATE OR REPLACE VIEW \"{{tenant}}_shop\".\"product_names\" AS SELECT \"id\", \"name\" FROM \"{{tenant}}_shop\".\"product\";\n";

    public const string BaseMatView = "CREATE MATERIALIZED VIEW IF NOT EXISTS \"{{tenant}}_shop\".\"product_count\" AS SELECT count(*) AS \"n\" FROM \"{{tenant}}_shop\".\"product\" WITH DATA;\n";

    public static Bundle Shop(
        string version = "1.0.0",
        IReadOnlyList<string>? columns = null,
        IReadOnlyList<string>? constraints = null,
        IReadOnlyList<string>? indexes = null,
        string? seed = null,
        string? view = null,
        string? viewSignature = null,
        string? matView = null,
        IReadOnlyList<BundleTenant>? tenants = null,
        bool typedTable = true)
    {
        columns ??= BaseColumns;
        var tableSql = TableSql(columns, constraints ?? BaseConstraints, indexes ?? BaseIndexes);
        var signature = string.Join(", ", columns);
        return BundleAssembler.Assemble("Shop", version, Array.Empty<BundleSource>(), tenants ?? Tenants, new List<CompiledArtefact>
        {
            new("tenant_schema", ArtefactKind.Schema, ArtefactScope.Tenant, null, $"CREATE SCHEMA IF NOT EXISTS \"{T}_shop\";\n", Array.Empty<string>(), $"\"{T}_shop\"", null),
            // The typed shape as the compiler hands it over; without it, the bundle is one written before shapes were data.
            new("table.product", ArtefactKind.Table, ArtefactScope.Tenant, null, tableSql,
                new[] { "tenant_schema" }, $"\"{T}_shop\".\"product\"", signature, Table: typedTable ? LegacyTableSql.Parse(signature, tableSql) : null),
            new("seed.product", ArtefactKind.Seed, ArtefactScope.Tenant, null, seed ?? BaseSeed, new[] { "table.product" }, $"\"{T}_shop\".\"product\"", null),
            new("view.product_names", ArtefactKind.View, ArtefactScope.Tenant, null, view ?? BaseView, new[] { "table.product" }, $"\"{T}_shop\".\"product_names\"",
                viewSignature ?? "\"id\" integer, \"name\" varchar(10)"),
            new("matview.product_count", ArtefactKind.MaterializedView, ArtefactScope.Tenant, null, matView ?? BaseMatView, new[] { "table.product" }, $"\"{T}_shop\".\"product_count\"", null),
        });
    }
}
