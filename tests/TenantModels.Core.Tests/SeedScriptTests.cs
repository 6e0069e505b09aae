using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Tests;

/// <summary>Seed rows as data: the CSV the bundle stores and the staging statements both ways of loading them share.</summary>
[TestClass]
public sealed class SeedScriptTests
{
    private static readonly string[] Columns = { "id", "we\"ird", "note" };

    private static readonly string?[][] Rows =
    {
        new string?[] { "1", "It's", null },
        new string?[] { "2", "", "two\nlines, ''and'' \"quotes\"" },
        new string?[] { "3", "NULL", "back\\slash ✓" },
    };

    [TestMethod]
    public void CsvReadsBackExactlyWhatItWroteNullsAndEmptyStringsApart()
    {
        var csv = SeedCsv.Write(Columns, Rows);
        var rows = SeedCsv.Read(csv, Columns);

        Assert.AreEqual(Rows.Length, rows.Count);
        for (var i = 0; i < Rows.Length; i++)
        {
            CollectionAssert.AreEqual(Rows[i], rows[i].ToArray(), $"row {i}");
        }

        StringAssert.StartsWith(csv, "\"id\",\"we\"\"ird\",\"note\"\n\"1\",\"It's\",\n");
    }

    [TestMethod]
    public void ADamagedCsvIsAnError()
    {
        var csv = SeedCsv.Write(Columns, Rows);

        Assert.ThrowsExactly<FormatException>(() => SeedCsv.Read(csv.Replace("\"It's\"", "\"It's"), Columns));
        Assert.ThrowsExactly<FormatException>(() => SeedCsv.Read(csv.Replace("\"3\",", "\"3\",\"4\","), Columns));
        Assert.ThrowsExactly<FormatException>(() => SeedCsv.Read(csv, new[] { "id", "other", "note" }));
    }

    [TestMethod]
    public void StagingByInsertAndByCopyCreateTheSameTable()
    {
        var sql = new SqlWriter();
        SeedScript.WriteStaging(sql, Columns, Rows);

        StringAssert.StartsWith(sql.ToString(), SeedScript.CreateStaging(Columns));
        Assert.AreEqual("CREATE TEMP TABLE \"tm_seed\" (\"id\" text, \"we\"\"ird\" text, \"note\" text) ON COMMIT DROP;\n", SeedScript.CreateStaging(Columns));
        Assert.AreEqual("COPY pg_temp.\"tm_seed\" (\"id\", \"we\"\"ird\", \"note\") FROM STDIN (FORMAT BINARY)", SeedScript.CopyCommand(Columns));
        StringAssert.Contains(sql.ToString(), "('1', 'It''s', NULL)");
    }

    [TestMethod]
    public void ExpandingForATenantExpandsValuesAndTheUpsertAsTheSqlIs()
    {
        var seed = new SeedData(new[] { "id", "note" }, new[] { new string?[] { "1", "for {{tenant}}" }, new string?[] { "2", null } }, "INSERT INTO \"{{tenant}}\".\"t\" SELECT 1;\n");

        var expanded = seed.ExpandFor("acme");

        CollectionAssert.AreEqual(new string?[] { "1", "for acme" }, expanded.Rows[0].ToArray());
        CollectionAssert.AreEqual(new string?[] { "2", null }, expanded.Rows[1].ToArray());
        Assert.AreEqual("INSERT INTO \"acme\".\"t\" SELECT 1;\n", expanded.Upsert);
    }
}
