using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class PostgresTypesTests
{
    [TestMethod]
    [DataRow("int8", "bigint")]
    [DataRow("Integer", "integer")]
    [DataRow("double   precision", "double precision")]
    [DataRow("timestamp with time zone", "timestamptz")]
    [DataRow("numeric(10, 2)", "numeric(10,2)")]
    [DataRow("character varying(20)", "varchar(20)")]
    [DataRow("text[]", "text[]")]
    public void Aliases_normalize_to_one_spelling(string written, string canonical)
    {
        Assert.IsTrue(PostgresTypes.TryParse(written, out var type));
        Assert.AreEqual(canonical, type.SqlName);
    }

    [TestMethod]
    [DataRow("string")]
    [DataRow("numeric(2,5)")]
    [DataRow("text[][]")]
    [DataRow("money")]
    public void Unsupported_types_are_refused(string written) =>
        Assert.IsFalse(PostgresTypes.TryParse(written, out _));

    [TestMethod]
    [DataRow("text", "bigint", true)]
    [DataRow("bigint", "numeric(10,2)", true)]
    [DataRow("timestamp", "date", true)]
    [DataRow("integer", "boolean", true)]
    [DataRow("bigint", "boolean", false)]
    [DataRow("timestamp", "boolean", false)]
    [DataRow("uuid", "bigint", false)]
    [DataRow("jsonb", "text", true)]
    [DataRow("text[]", "bigint[]", true)]
    [DataRow("uuid[]", "bigint[]", false)]
    public void Casts_follow_postgresql(string from, string to, bool allowed)
    {
        Assert.IsTrue(PostgresTypes.TryParse(from, out var f));
        Assert.IsTrue(PostgresTypes.TryParse(to, out var t));
        Assert.AreEqual(allowed, PostgresTypes.CanCast(f, t));
    }
}
