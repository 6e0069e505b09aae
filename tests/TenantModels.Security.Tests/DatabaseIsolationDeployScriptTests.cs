using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Security.Tests;

/// <summary>
/// isolation: database through <c>psql -f deploy.sql</c>, without the runner: the script creates and fills each
/// tenant's own database, since no one database may hold two tenants.
/// </summary>
[TestClass]
public sealed class DatabaseIsolationDeployScriptTests
{
    private const string Prefix = "p";

    private static readonly string[] Tenants = { "alpha", "bravo", "charlie" };

    [TestMethod]
    public void Psql_runs_deploy_sql_into_one_database_per_tenant_twice()
    {
        var files = PerTenantIsolationTests.Project("database", Prefix);
        var input = new ProjectInput("psql_db", "1.0.0", files.Select(f => new DefinitionFile(f.Item1, f.Item1, f.Item2)).ToList());
        var result = ModelProjectCompiler.Compile(input);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var script = Path.Combine(Path.GetTempPath(), "tm-psql-" + System.Guid.NewGuid().ToString("N") + ".sql");
        File.WriteAllText(script, result.Bundle!.DeployScript);
        try
        {
            // A second run must succeed too: the databases exist by then and every statement is idempotent.
            for (var run = 0; run < 2; run++)
            {
                var (exit, output) = Psql(script);
                Assert.AreEqual(0, exit, output);
            }
        }
        finally
        {
            File.Delete(script);
        }

        foreach (var tenant in Tenants)
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(SharedPostgres.Server.ConnectionString) { Database = "p_" + tenant }.ConnectionString);
            connection.Open();
            Assert.AreEqual(tenant, SecuredDatabase.Scalar(connection, "SELECT string_agg(DISTINCT tenant_id, ',') FROM p_security.tenant_role"));
            Assert.AreEqual("tenant_" + tenant, SecuredDatabase.Scalar(connection, "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'"));
            Assert.AreEqual(0L, SecuredDatabase.Scalar(connection, "SELECT notes FROM canonical.note_count"));
            Assert.AreEqual(false, SecuredDatabase.Scalar(connection, "SELECT has_database_privilege('public', current_database(), 'CONNECT')"));
        }
    }

    private static (int Exit, string Output) Psql(string script)
    {
        var start = new ProcessStartInfo(Path.Combine(PostgresBinaries.FindBinDirectory(), "psql"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script, "-h", "127.0.0.1", "-p", SharedPostgres.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
