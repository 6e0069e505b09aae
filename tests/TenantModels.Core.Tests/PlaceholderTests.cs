using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary><c>{{ tenant }}</c> in SQL and expressions, whatever the whitespace inside the braces; every other <c>{{ … }}</c> is TM1093.</summary>
[TestClass]
public sealed class PlaceholderTests
{
    private static readonly string Case = Path.Combine(CompilerCaseTests.CasesDirectory, "tenant_placeholder_in_sql_and_expr");

    [TestMethod]
    public void Tenant_placeholder_with_spaces_tabs_or_newlines_inside_compiles_as_the_compact_one()
    {
        var written = ProjectInput.FromDirectory(Case, "case", "1.0.0");
        Assert.IsTrue(written.Files.Any(f => Regex.IsMatch(f.Text, @"\{\{\s+tenant|tenant\s+\}\}")), "the case writes the placeholder with whitespace");
        var compact = written with { Files = written.Files.Select(f => f with { Text = Regex.Replace(f.Text, @"\{\{\s*tenant\s*\}\}", "{{tenant}}") }).ToList() };

        var fromWritten = ModelProjectCompiler.Compile(written);
        var fromCompact = ModelProjectCompiler.Compile(compact);

        Assert.IsTrue(fromWritten.Succeeded, string.Join("\n", fromWritten.Diagnostics));
        Assert.AreEqual(fromCompact.Bundle!.DeployScript, fromWritten.Bundle!.DeployScript);
        Assert.IsFalse(fromWritten.Bundle.DeployScript.Contains("{{"), "every placeholder is expanded");
    }

    [TestMethod]
    public void Tenant_placeholder_reads_as_the_tenant_id_in_the_database()
    {
        var result = CaseCompiler.Compile(Case);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        using var connection = new NpgsqlConnection(SharedPostgres.Server.CreateDatabase("placeholder"));
        connection.Open();
        Execute(connection, CaseDeploymentTests.RawSchemas(Case));
        Execute(connection, result.Bundle!.DeployScript);
        Execute(connection, "INSERT INTO acme_raw_outreach.call (id, relationship_user_id) VALUES (1, 'u1');"
            + "INSERT INTO globex_raw_salesloft.call (id, user_id) VALUES (2, 'u2');");

        Assert.AreEqual("acme", Scalar(connection, "SELECT origin FROM acme_stg_outreach.call"), "expr: '{{ tenant }}'");
        Assert.AreEqual("globex/u2", Scalar(connection, "SELECT origin FROM globex_stg_salesloft.call"), "expr: '{{tenant}}/' || call.user_id");
        Assert.AreEqual("acme", Scalar(connection, "SELECT tenant FROM tenant_acme.call_by_tenant"), "sql: '{{ tenant }}' with a tab");
    }

    [TestMethod]
    public void Tenant_placeholder_in_a_shared_model_is_TM1093()
    {
        var directory = Path.Combine(CompilerCaseTests.CasesDirectory, "shared_tables_with_tenant_column");
        var input = ProjectInput.FromDirectory(directory, "case", "1.0.0");
        var files = input.Files.Select(f => f.RelativePath == "models/screen_totals.yaml"
            ? f with { Text = f.Text.Replace(" group by", " where '{{ tenant }}' <> '' group by") }
            : f).ToList();

        var result = ModelProjectCompiler.Compile(input with { Files = files });

        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual(("TM1093", "models/screen_totals.yaml", 7, 6), (diagnostic.Code, ProjectInput.Relative(directory, diagnostic.Location.Path), diagnostic.Location.Line, diagnostic.Location.Column));
        StringAssert.Contains(diagnostic.Message, "the model is shared");
    }

    [TestMethod]
    [DataRow("{{ tiers }}")]
    [DataRow("{{ Tenant }}")]
    [DataRow("{{ tenant_id }}")]
    [DataRow("{{tenant")]
    public void Unknown_or_unclosed_placeholder_in_an_expression_is_TM1093(string placeholder)
    {
        var text = File.ReadAllText(Path.Combine(Case, "models", "call.yaml")).Replace("{ expr: \"'{{ tenant }}'\" }", "{ expr: \"'" + placeholder + "'\" }");
        var input = ProjectInput.FromDirectory(Case, "case", "1.0.0");
        var files = input.Files.Select(f => f.RelativePath == "models/call.yaml" ? f with { Text = text } : f).ToList();

        var result = ModelProjectCompiler.Compile(input with { Files = files });

        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual(("TM1093", 16, 23), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column), diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, placeholder.Split(' ')[0]);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
