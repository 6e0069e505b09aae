using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Validation;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// Golden files prove the SQL text is stable; this proves it is valid: every case that compiles has its
/// <c>deploy.sql</c> run in one transaction on a real PostgreSQL database holding the raw schemas its sources declare,
/// twice (a second run must also succeed: every statement is idempotent).
/// </summary>
[TestClass]
public sealed class CaseDeploymentTests
{
    public static IEnumerable<object[]> CompilingCases() =>
        CompilerCaseTests.Cases().Where(c => File.Exists(Path.Combine(CompilerCaseTests.CasesDirectory, (string)c[0], "expected", "deploy.verified.sql")));

    /// <summary>
    /// Every compiling case but those whose SQL calls Citus's functions (shared isolation on Citus distributes its tables
    /// in the SQL): those need a Citus cluster, and tests/TenantModels.Citus.Tests runs their deploy.sql on one
    /// (DeployScriptOnCitusTests).
    /// </summary>
    public static IEnumerable<object[]> CasesForPostgresql() =>
        CompilingCases().Where(c => !File.ReadAllText(Path.Combine(CompilerCaseTests.CasesDirectory, (string)c[0], "expected", "deploy.verified.sql"))
            .Contains("pg_catalog.create_distributed_table(", System.StringComparison.Ordinal));

    [TestMethod]
    public void Only_cases_that_need_citus_are_left_out_of_the_postgresql_run() =>
        CollectionAssert.AreEqual(new[] { "citus_shared_isolation" },
            CompilingCases().Select(c => (string)c[0]).Except(CasesForPostgresql().Select(c => (string)c[0])).ToArray());

    [TestMethod]
    [DynamicData(nameof(CasesForPostgresql))]
    public void Deploy_script_runs_on_postgresql(string name)
    {
        var directory = Path.Combine(CompilerCaseTests.CasesDirectory, name);
        var result = CaseCompiler.Compile(directory);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));

        using var connection = new NpgsqlConnection(SharedPostgres.Server.CreateDatabase("case"));
        connection.Open();
        Execute(connection, "CREATE EXTENSION IF NOT EXISTS pgcrypto;" + RawSchemas(directory));
        for (var run = 0; run < 2; run++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, result.Bundle!.DeployScript, transaction);
            transaction.Commit();
        }

        foreach (var artefact in Bundling.ArtefactExpander.Expand(result.Bundle!))
        {
            using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL OR to_regnamespace($1) IS NOT NULL", connection);
            exists.Parameters.AddWithValue(artefact.Artefact.Object.Replace(Bundling.ArtefactTemplate.TenantPlaceholder, artefact.TenantId ?? string.Empty));
            Assert.IsTrue((bool)exists.ExecuteScalar()!, $"{artefact.Artefact.Id} ({artefact.TenantId}) did not create {artefact.Artefact.Object}");
        }
    }

    /// <summary>Creates every enabled tenant's raw tables from the case's source definitions, as a connector would.</summary>
    internal static string RawSchemas(string directory)
    {
        var input = ProjectInput.FromDirectory(directory, "case", "1.0.0");
        var diagnostics = new DiagnosticBag();
        var project = ProjectBinder.Bind(DefinitionValidator.Validate(DefinitionParser.Parse(input.Files, diagnostics), diagnostics), diagnostics);
        var sql = new System.Text.StringBuilder();
        foreach (var tenant in project.Tenants.Where(t => t.Enabled))
        {
            foreach (var declared in tenant.Sources.Select(s => project.Sources[s]))
            {
                // A tenant whose layout differs (tenants.yaml overrides) has its raw tables as its overrides declare them.
                var source = project.MappingOverrideList.FirstOrDefault(o => o.Tenant == tenant.Id && o.Mapping.Source.Name == declared.Name)?.Mapping.Source ?? declared;
                var schema = Sql.SqlWriter.QuoteIdentifier(source.RawSchema.Expand(tenant.Id, source.Name));
                sql.Append("CREATE SCHEMA IF NOT EXISTS ").Append(schema).Append(";\n");
                foreach (var table in source.Tables.Values)
                {
                    sql.Append("CREATE TABLE ").Append(schema).Append('.').Append(Sql.SqlWriter.QuoteIdentifier(table.Name)).Append(" (")
                        .Append(string.Join(", ", table.Columns.Select(c => Sql.SqlWriter.QuoteIdentifier(c.Name) + " " + c.Type.SqlName)))
                        .Append(");\n");
                }
            }
        }

        return sql.ToString();
    }

    private static void Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
