using System.Collections.Generic;
using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.CodeModel;

/// <summary>The SELECT statements applications run against a model's objects, written through <see cref="SqlWriter"/>.</summary>
public static class ModelQueries
{
    /// <summary><c>SELECT "a", "b" FROM "schema"."object"</c>; columns in model order so readers can go by ordinal.</summary>
    public static string Select(IEnumerable<BoundColumn> columns, string schema, string objectName) =>
        new SqlWriter()
            .Append("SELECT ")
            .Join(", ", columns, (w, c) => w.Identifier(c.Name))
            .Append(" FROM ")
            .Qualified(schema, objectName)
            .ToString();

    /// <summary>As <see cref="Select"/>, with the tenant column of a canonical view last.</summary>
    public static string SelectWithTenant(IEnumerable<BoundColumn> columns, string tenantColumn, string schema, string objectName) =>
        new SqlWriter()
            .Append("SELECT ")
            .Join(", ", columns, (w, c) => w.Identifier(c.Name))
            .Append(", ")
            .Identifier(tenantColumn)
            .Append(" FROM ")
            .Qualified(schema, objectName)
            .ToString();
}
