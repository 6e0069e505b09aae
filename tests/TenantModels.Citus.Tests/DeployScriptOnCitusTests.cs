using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// deploy.sql through psql on the coordinator, without the runner: a bundle for Citus distributes what the runner
/// distributes — tenant schemas in schema isolation, the shared tables and the registry in shared isolation — and
/// keeps every other schema local.
/// </summary>
[TestClass]
public sealed class DeployScriptOnCitusTests
{
    [TestMethod]
    public void Psql_makes_tenant_schemas_distributed_schemas_and_keeps_the_others_local()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("psql_schema");
        var script = Path.Combine(Cli.SampleForCitus("SchemaPerTenantCrm"), "deploy.sql");
        for (var run = 0; run < 2; run++)
        {
            var (exit, output) = Psql(db, script);
            Assert.AreEqual(0, exit, output);
        }

        Assert.AreEqual("tenant_acme,tenant_techstart",
            string.Join(",", CitusCluster.Strings(db, "SELECT n.nspname FROM pg_dist_schema ds JOIN pg_namespace n ON n.oid = ds.schemaid ORDER BY 1")));
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(db, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text NOT LIKE 'tenant\\_%'"), "nothing else is a Citus table");
    }

    [TestMethod]
    public void Psql_distributes_the_shared_tables_and_makes_the_registry_a_reference_table()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("psql_shared");
        var script = Path.Combine(Cli.SampleForCitus("WhiteLabelAnalytics"), "deploy.sql");
        for (var run = 0; run < 2; run++)
        {
            var (exit, output) = Psql(db, script);
            Assert.AreEqual(0, exit, output);
        }

        CollectionAssert.AreEqual(new[] { "shared.screens distributed", "wl_security.tenant_role reference" },
            CitusCluster.Strings(db, "SELECT table_name || ' ' || citus_table_type FROM citus_tables ORDER BY 1").ToArray());
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(db, "SELECT count(*) FROM pg_dist_schema"), "no schema is distributed in shared isolation");
        Assert.AreEqual(8L, CitusCluster.Scalar<long>(db, "SELECT count(*) FROM shared.screens"));
    }

    [TestMethod]
    public void Psql_runs_the_citus_shared_isolation_golden_case_twice()
    {
        // The Core golden case (shared tables with a foreign key between them, a canonical table), which the
        // PostgreSQL case run leaves out because it needs Citus.
        var db = ClusterLifetime.Cluster.CreateDatabase("psql_case");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            CitusCluster.Execute(db, $"CREATE SCHEMA {tenant}_raw_outreach; CREATE TABLE {tenant}_raw_outreach.call (id bigint, created_at timestamp, relationship_user_id text, relationship_call_disposition_id bigint);"
                + $"CREATE TABLE {tenant}_raw_outreach.call_disposition (id bigint, name text);");
        }

        var directory = RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Cases", "citus_shared_isolation");
        var compiled = TenantModels.Core.Pipeline.ModelProjectCompiler.Compile(TenantModels.Core.Pipeline.ProjectInput.FromDirectory(directory, "citus_shared_isolation", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var script = Path.Combine(Cli.Write(compiled.Bundle!), "deploy.sql");
        for (var run = 0; run < 2; run++)
        {
            var (exit, output) = Psql(db, script);
            Assert.AreEqual(0, exit, output);
        }

        CollectionAssert.AreEqual(new[] { "canonical.call distributed", "cs2_security.tenant_role reference", "shared.screen_events distributed", "shared.screens distributed" },
            CitusCluster.Strings(db, "SELECT table_name || ' ' || citus_table_type FROM citus_tables ORDER BY 1").ToArray());
    }

    /// <summary>As deploy.sql's first lines say: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql, on the coordinator.</summary>
    private static (int Exit, string Output) Psql(string connectionString, string script)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(PostgresBinaries.FindBinDirectory(), "psql"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", script, "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
