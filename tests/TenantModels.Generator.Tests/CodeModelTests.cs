using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Sql;

namespace TenantModels.Generator.Tests;

/// <summary>TenantModels.Core's C# view of a model (CodeModel/): types, names and spans the generator relies on.</summary>
[TestClass]
public sealed class CodeModelTests
{
    [TestMethod]
    [DataRow("smallint", "short", true)]
    [DataRow("integer", "int", true)]
    [DataRow("bigint", "long", true)]
    [DataRow("numeric", "decimal", true)]
    [DataRow("numeric(12,2)", "decimal", true)]
    [DataRow("real", "float", true)]
    [DataRow("double precision", "double", true)]
    [DataRow("text", "string", false)]
    [DataRow("varchar(40)", "string", false)]
    [DataRow("boolean", "bool", true)]
    [DataRow("date", "global::System.DateOnly", true)]
    [DataRow("timestamp", "global::System.DateTime", true)]
    [DataRow("timestamptz", "global::System.DateTime", true)]
    [DataRow("uuid", "global::System.Guid", true)]
    [DataRow("jsonb", "string", false)]
    [DataRow("text[]", "string[]", false)]
    [DataRow("bigint[]", "long[]", false)]
    public void ClrTypes_MapEverySupportedType(string sql, string clr, bool isValueType)
    {
        Assert.IsTrue(PostgresTypes.TryParse(sql, out var type));
        var mapped = ClrTypes.Map(type);
        Assert.AreEqual(clr, mapped.Name);
        Assert.AreEqual(isValueType, mapped.IsValueType);
        Assert.AreEqual(clr + "?", mapped.For(nullable: true));
    }

    [TestMethod]
    public void EveryParseableTypeName_HasAClrType()
    {
        foreach (var name in PostgresTypes.Names)
        {
            Assert.IsTrue(PostgresTypes.TryParse(name, out var type), name);
            Assert.IsFalse(string.IsNullOrEmpty(ClrTypes.Map(type).Name), name);
        }
    }

    [TestMethod]
    public void CSharpNames_ArePascalCase_AndUnique()
    {
        Assert.AreEqual("CallDispositionName", CSharpNames.Pascal("call_disposition_name"));
        Assert.AreEqual("OrgJavi2E0eynhkr", CSharpNames.Pascal("org_javi_2_e0eynhkr"));
        CollectionAssert.AreEqual(new[] { "AB", "AB2", "ToString2" }, CSharpNames.Unique(new[] { "a_b", "a__b", "to_string" }, new[] { "ToString" }).ToList());
    }

    [TestMethod]
    [DataRow("a: b\nkey: value # note\n", 2, 6, "value")]
    [DataRow("key: \"quoted: yes\"\n", 1, 6, "\"quoted: yes\"")]
    [DataRow("cols: { type: double precision, nullable: false }\n", 1, 15, "double precision")]
    [DataRow("list: [one, two]\n", 1, 13, "two")]
    [DataRow("key:\r\n  value\r\n", 2, 3, "value")]
    [DataRow("key:\r  value\r", 2, 3, "value")]
    [DataRow("a: b\u0085c\nkey: value\n", 2, 6, "value")]
    [DataRow("a: \"b\u2028c\", key: value\n", 1, 16, "value")]
    public void DefinitionSpans_CoverTheScalarAtAPosition(string text, int line, int column, string expected)
    {
        var span = DefinitionSpans.Locate(text, line, column);
        Assert.AreEqual(expected, text.Substring(span.Start, span.Length));
        Assert.AreEqual(line - 1, span.StartLine);
        Assert.AreEqual(column - 1, span.StartColumn);
    }

    [TestMethod]
    public void DiagnosticCatalog_KnowsDefinitionAndCompileCodes()
    {
        Assert.AreEqual("Unknown type", DiagnosticCatalog.TitleOf("TM1025"));
        Assert.AreEqual("Identifier too long", DiagnosticCatalog.TitleOf("TM2001"));
        Assert.AreEqual("TM9999", DiagnosticCatalog.TitleOf("TM9999"));
    }
}
