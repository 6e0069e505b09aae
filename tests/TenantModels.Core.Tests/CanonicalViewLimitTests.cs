using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests;

/// <summary>
/// Where the canonical view form stops: TM2021 (error) once one query on it would lock more relations than
/// PostgreSQL's stock lock table reserves (6,400), TM2020 (warning) past canonical_view_tenant_limit before that.
/// </summary>
[TestClass]
public sealed class CanonicalViewLimitTests
{
    private const string Source = """
        source: crm
        tables:
          call:
            columns:
              id: bigint
              user_id: text
        """;

    private const string FromSources = """
        model: call
        columns:
          call_id: bigint
        from:
          crm:
            table: call
            columns:
              call_id: id
        canonical: true
        """;

    [TestMethod]
    [DataRow(200, "")]
    [DataRow(201, "TM2020")]
    [DataRow(3_199, "TM2020")]
    [DataRow(3_200, "TM2021")]
    public void A_staging_view_over_one_raw_table_locks_two_relations_per_tenant(int tenants, string expected)
    {
        // 1 + 2 × 3,199 = 6,399 fits; 1 + 2 × 3,200 = 6,401 does not.
        var codes = Codes(tenants, ("models/call.yaml", FromSources));
        Assert.AreEqual(expected, string.Join(",", codes));
    }

    [TestMethod]
    [DataRow(2_133, "TM2020")]
    [DataRow(2_134, "TM2021")]
    public void A_view_in_sql_counts_the_tables_and_indexes_it_reads(int tenants, string expected)
    {
        // Per tenant: the view, the table it reads, and that table's primary key index: 1 + 3 × 2,134 = 6,403.
        var codes = Codes(
            tenants,
            ("models/note.yaml", "model: note\nmaterialized: table\ncolumns:\n  id: bigint\n  body: text\nprimary_key: [id]\n"),
            ("models/note_count.yaml", "model: note_count\nmaterialized: view\ncolumns:\n  notes: bigint\nsql: \"select count(*) as notes from {{ ref('note') }}\"\ncanonical: true\n"));
        Assert.AreEqual(expected, string.Join(",", codes));
    }

    [TestMethod]
    public void Disabled_tenants_and_the_table_form_lock_nothing_in_a_view()
    {
        var tableForm = Codes(5_000, ("models/call.yaml", FromSources.Replace("canonical: true", "canonical: table")));
        Assert.AreEqual(string.Empty, string.Join(",", tableForm));

        var tenants = "tenants:\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"  - id: t{i:0000}\n    sources: [crm]\n    enabled: {(i < 150 ? "true" : "false")}\n"));
        var result = Compile(tenants, ("models/call.yaml", FromSources));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(0, result.Diagnostics.Count, string.Join("\n", result.Diagnostics));
    }

    private static IEnumerable<string> Codes(int tenants, params (string Path, string Text)[] models)
    {
        var registry = "defaults:\n  sources: [crm]\ntenants:\n" + string.Concat(Enumerable.Range(0, tenants).Select(i => $"  - id: t{i:0000}\n"));
        return Compile(registry, models).Diagnostics.Select(d => d.Code).Distinct();
    }

    private static CompileResult Compile(string tenants, params (string Path, string Text)[] models)
    {
        var files = new List<DefinitionFile> { File("tenants.yaml", tenants), File("sources/crm.yaml", Source) };
        files.AddRange(models.Select(m => File(m.Path, m.Text)));
        return ModelProjectCompiler.Compile(new ProjectInput("limits", "1.0.0", files));
    }

    private static DefinitionFile File(string path, string text) => new(path, path, text);
}
