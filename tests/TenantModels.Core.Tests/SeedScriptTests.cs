using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class SeedScriptTests
{
    private static readonly string?[][] Rows =
    {
        new string?[] { "1", "It's", null },
        new string?[] { "2", "", "two\nlines, ''and'' \"quotes\"" },
        new string?[] { "3", "NULL", "back\\slash ✓" },
    };

    private static string Script()
    {
        var sql = new SqlWriter();
        SeedScript.WriteStaging(sql, new[] { "id", "we\"ird", "note" }, Rows);
        return sql.ToString() + "INSERT INTO \"s\".\"t\" SELECT * FROM pg_temp.\"tm_seed\";\n";
    }

    [TestMethod]
    public void ReadsBackExactlyWhatItWrote()
    {
        Assert.IsTrue(SeedScript.TryParse(Script(), out var script));

        CollectionAssert.AreEqual(new[] { "id", "we\"ird", "note" }, script!.Columns.ToArray());
        Assert.AreEqual(Rows.Length, script.Rows.Count);
        for (var i = 0; i < Rows.Length; i++)
        {
            CollectionAssert.AreEqual(Rows[i], script.Rows[i].ToArray(), $"row {i}");
        }

        Assert.AreEqual("INSERT INTO \"s\".\"t\" SELECT * FROM pg_temp.\"tm_seed\";\n", script.Rest);
        Assert.AreEqual("COPY pg_temp.\"tm_seed\" (\"id\", \"we\"\"ird\", \"note\") FROM STDIN (FORMAT BINARY)", script.CopyCommand);
        StringAssert.StartsWith(script.CreateStaging, "CREATE TEMP TABLE \"tm_seed\" (\"id\" text, ");
    }

    [TestMethod]
    public void OtherSqlIsNotASeedScriptAndADamagedOneIsAnError()
    {
        Assert.IsFalse(SeedScript.TryParse("DELETE FROM \"s\".\"t\";\n", out _));
        var damaged = Script().Replace("'It''s'", "'It''s");

        Assert.ThrowsExactly<FormatException>(() => SeedScript.TryParse(damaged, out _));
        Assert.ThrowsExactly<FormatException>(() => SeedScript.TryParse(Script().Replace("('3', ", "('3', '4', "), out _));
    }
}
