using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>Seeds go in by binary COPY when the runner applies them, and land exactly as deploy.sql's INSERT puts them.</summary>
[TestClass]
public sealed class SeedCopyTests
{
    private const int GeneratedRows = 3000;

    /// <summary>Values that trip up text formats: quotes, separators, line breaks, backslashes, empty vs NULL, non-ASCII, json, arrays.</summary>
    private static string SeedCsv()
    {
        var csv = new StringBuilder("id,label,note,payload,tags,price\n");
        csv.Append("1,\"It's \"\"quoted\"\", with, commas\",\"line one\nline two\",\"{\"\"k\"\": [1, 2]}\",\"{a,\"\"b c\"\"}\",1.50\n");
        csv.Append("2,back\\slash \\N,\"\",,{},\n");
        csv.Append("3,Zürich ✓ 東京,\\.,null,\"{NULL}\",0\n");
        for (var i = 4; i < GeneratedRows + 4; i++)
        {
            csv.Append(i.ToString(CultureInfo.InvariantCulture)).Append(",row ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(",,,,").Append((i % 97).ToString(CultureInfo.InvariantCulture)).Append(".25\n");
        }

        return csv.ToString();
    }

    private static Bundle Compile()
    {
        var directory = CliRun.TempDirectory();
        File.WriteAllText(Path.Combine(directory, "tenants.yaml"), "tenants:\n  - id: acme\n  - id: globex\n");
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        Directory.CreateDirectory(Path.Combine(directory, "seeds"));
        File.WriteAllText(Path.Combine(directory, "models", "items.yaml"), """
            model: items
            materialized: table
            columns:
              id: { type: bigint, identity: true }
              label: { type: text, nullable: false }
              note: text
              payload: jsonb
              tags: text[]
              price: numeric(10,2)
            primary_key: [id]
            seed: seeds/items.csv
            """);
        File.WriteAllText(Path.Combine(directory, "seeds", "items.csv"), SeedCsv());
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(directory, "Seeds", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Bundle!;
    }

    private const string Query = "SELECT id, label, note, payload::text, tags::text, price FROM tenant_globex.items ORDER BY id";

    [TestMethod]
    public void TheRunnersCopyLoadsExactlyTheRowsDeploySqlInserts()
    {
        var bundle = Compile();
        var byRunner = SharedPostgres.Server.CreateDatabase("seed_copy");
        var byScript = SharedPostgres.Server.CreateDatabase("seed_script");

        var apply = CliRun.Against(byRunner, "apply", HandBuiltBundles.WriteToTemp(bundle));
        Db.Execute(byScript, "BEGIN;\n" + bundle.DeployScript + "\nCOMMIT;");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        var rows = Db.Rows(byRunner, Query);
        Assert.AreEqual(GeneratedRows + 3, rows.Length);
        CollectionAssert.AreEqual(Db.Rows(byScript, Query), rows);
        Assert.AreEqual("1|It's \"quoted\", with, commas|line one\nline two|{\"k\": [1, 2]}|{a,\"b c\"}|1.50", rows[0]);
        Assert.AreEqual("2|back\\slash \\N||NULL|{}|NULL", rows[1]);
        Assert.AreEqual("3|Zürich ✓ 東京|\\.|null|{NULL}|0.00", rows[2]);
        // The identity sequence moved past the seeded ids.
        Db.Execute(byRunner, "INSERT INTO tenant_globex.items (label) VALUES ('next')");
        Assert.AreEqual((long)GeneratedRows + 4, Db.Scalar<long>(byRunner, "SELECT max(id) FROM tenant_globex.items"));
        Assert.IsFalse(Db.Scalar<bool>(byRunner, "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'tm_seed')"), "the staging table must not outlive the transaction");
    }

    [TestMethod]
    public void EveryCompiledSeedCarriesItsRowsAsDataAndTheLoaderSendsThem()
    {
        var bundle = Compile();
        var seed = bundle.Manifest.Artefacts.Single(a => a.Kind == ArtefactKind.Seed);
        Assert.IsNotNull(seed.Seed, "a seed with rows carries them as CSV");
        StringAssert.EndsWith(seed.Seed.RowsPath, ".csv");
        var script = bundle.SeedOf(seed)!.ExpandFor("acme");
        Assert.AreEqual(GeneratedRows + 3, script.Rows.Count);
        CollectionAssert.AreEqual(new[] { "id", "label", "note", "payload", "tags", "price" }, script.Columns.ToArray());
        StringAssert.EndsWith(ArtefactTemplate.Expand(bundle.SqlOf(seed), "acme"), script.Upsert, "the SQL is the staging INSERT then the same upsert");

        // Rows the script text does not contain land in the table: they travelled by COPY, not by the staging INSERT.
        var db = SharedPostgres.Server.CreateDatabase("seed_loader");
        Db.Execute(db, "CREATE SCHEMA tenant_acme; CREATE TABLE tenant_acme.items (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, label text NOT NULL, note text, payload jsonb, tags text[], price numeric(10,2));");
        var replaced = script with { Rows = new[] { new string?[] { "42", "copied", null, "[]", "{x}", "9.99" } } };
        using (var connection = new NpgsqlConnection(db))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            SeedLoader.Run(connection, transaction, replaced);
            transaction.Commit();
        }

        CollectionAssert.AreEqual(new[] { "42|copied|NULL|[]|{x}|9.99" }, Db.Rows(db, "SELECT id, label, note, payload::text, tags::text, price FROM tenant_acme.items"));
    }
}
