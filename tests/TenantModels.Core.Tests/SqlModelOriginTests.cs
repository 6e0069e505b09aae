using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests;

/// <summary>
/// The artefacts of SQL models record where the model is defined (<c>definedAt</c>), so an error PostgreSQL raises on the
/// user's SQL (<c>tenantmodels check</c>) can name the YAML; the record never makes two bundles of the same objects differ.
/// </summary>
[TestClass]
public sealed class SqlModelOriginTests
{
    private static Bundle Compile(string root, string modelPrefix, string sql = "sql: |\n  select count(*) as n from {{ ref('orders') }}\n")
    {
        var files = new[]
        {
            new DefinitionFile(root + "/tenants.yaml", "tenants.yaml", "tenants:\n  - id: acme\n"),
            new DefinitionFile(root + "/models/orders.yaml", "models/orders.yaml", "model: orders\nmaterialized: table\ncolumns:\n  id: integer\n"),
            new DefinitionFile(root + "/models/totals.yaml", "models/totals.yaml",
                modelPrefix + "model: totals\nmaterialized: view\ncolumns:\n  n: bigint\n" + sql),
        };
        var compiled = ModelProjectCompiler.Compile(new ProjectInput("Origins", "1.0.0", files));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Bundle!;
    }

    [TestMethod]
    public void A_sql_models_artefact_records_its_yaml_relative_to_the_project_and_nothing_else_does()
    {
        var bundle = Compile("/home/someone/project", "# totals per tenant\n");

        var view = bundle.Manifest.Artefacts.Single(a => a.Id == "view.totals");
        Assert.AreEqual("models/totals.yaml:2:8", view.DefinedAt);
        Assert.AreEqual(1, bundle.Manifest.Artefacts.Count(a => a.DefinedAt is not null), "only SQL the user wrote is located");
        Assert.AreEqual("7:3", view.SqlAt, "the sql: block's first line, and the column its lines start at");
        StringAssert.Contains(ManifestJson.Write(bundle.Manifest), "\"definedAt\": \"models/totals.yaml:2:8\", \"sqlAt\": \"7:3\" }");
        var read = ManifestJson.Read(ManifestJson.Write(bundle.Manifest)).Artefacts.Single(a => a.Id == "view.totals");
        Assert.AreEqual("models/totals.yaml:2:8", read.DefinedAt);
        Assert.AreEqual("7:3", read.SqlAt);
    }

    [TestMethod]
    [DataRow("sql: |\n\n    select count(*) as n\n    from {{ ref('orders') }}\n", "7:5", DisplayName = "a literal block: leading empty lines are not the body's")]
    [DataRow("sql: |-\n  select count(*) as n from {{ ref('orders') }}\n", "6:3", DisplayName = "a literal block without its final line break")]
    [DataRow("sql: select count(*) as n from {{ ref('orders') }}\n", "5:6", DisplayName = "a plain value on one line")]
    [DataRow("sql: 'select count(*) as n from {{ ref(\"orders\") }}'\n", "5:7", DisplayName = "a quoted value starts after its quote")]
    [DataRow("sql: \"select count(*) as n from {{ ref(\\\"orders\\\") }}\"\n", null, DisplayName = "escapes shift columns: none recorded")]
    [DataRow("sql: >\n  select count(*) as n\n  from {{ ref('orders') }}\n", null, DisplayName = "a folded block's lines are joined: none recorded")]
    [DataRow("sql: \"select count(*) as n\n  from {{ ref('orders') }}\"\n", null, DisplayName = "a quoted value over several lines: none recorded")]
    public void Where_the_sql_body_starts_is_recorded_only_when_its_lines_are_the_yamls(string sql, string? expected)
    {
        var bundle = Compile("/p", string.Empty, sql);

        var view = bundle.Manifest.Artefacts.Single(a => a.Id == "view.totals");
        Assert.AreEqual("models/totals.yaml:1:8", view.DefinedAt);
        Assert.AreEqual(expected, view.SqlAt);
    }

    [TestMethod]
    public void Moving_a_model_within_its_file_or_building_elsewhere_keeps_the_content_hash()
    {
        var here = Compile("/home/someone/project", string.Empty);
        var moved = Compile("/build/agent/work", "# a comment pushes the model down\n\n");

        Assert.AreEqual("models/totals.yaml:1:8", here.Manifest.Artefacts.Single(a => a.Id == "view.totals").DefinedAt);
        Assert.AreEqual("models/totals.yaml:3:8", moved.Manifest.Artefacts.Single(a => a.Id == "view.totals").DefinedAt);
        Assert.AreEqual("6:3", here.Manifest.Artefacts.Single(a => a.Id == "view.totals").SqlAt);
        Assert.AreEqual("8:3", moved.Manifest.Artefacts.Single(a => a.Id == "view.totals").SqlAt);
        Assert.AreEqual(here.Manifest.ContentHash, moved.Manifest.ContentHash);
    }

    [TestMethod]
    public void A_position_in_the_compiled_view_is_a_line_of_the_sql_the_user_wrote()
    {
        var bundle = Compile("/p", string.Empty);
        var view = bundle.SqlOf(bundle.Manifest.Artefacts.Single(a => a.Id == "view.totals"));

        var from = view.IndexOf("from ", System.StringComparison.Ordinal);
        Assert.AreEqual(1, Compilation.SqlModelBody.LineOf(view, from + 1), view);
        Assert.AreEqual(0, Compilation.SqlModelBody.LineOf(view, 1), "the CREATE line is the compiler's");
        Assert.AreEqual(0, Compilation.SqlModelBody.LineOf(view, view.IndexOf(") AS \"q\"", System.StringComparison.Ordinal) + 1), "so is the closing");
        Assert.AreEqual(0, Compilation.SqlModelBody.LineOf(view, view.Length + 1));
    }
}
