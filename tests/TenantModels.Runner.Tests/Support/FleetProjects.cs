using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// Database-per-tenant projects compiled from in-memory YAML by the real compiler: each tenant's database is
/// <c>{prefix}_&lt;tenant&gt;</c> (naming.database), holding a per-tenant <c>orders</c> table (no raw data needed, so a
/// database the runner just created can take it). No security section: no cluster-wide roles to share the test server with.
/// </summary>
internal static class FleetProjects
{
    /// <param name="tenants">Tenants.yaml entries after <c>- id: x</c>, e.g. <c>("acme", "tier: premium")</c>.</param>
    /// <param name="waves">The <c>waves:</c> section of tenantmodels.yaml, or null.</param>
    public static Bundle Compile(string prefix, string version, IEnumerable<(string Id, string Extra)> tenants, string? waves = null, string ordersExtraColumn = "")
    {
        var files = new List<(string Path, string Text)>
        {
            ("tenants.yaml", "attributes:\n  region: text\ndefaults:\n  tier: standard\ntenants:\n"
                + string.Concat(tenants.Select(t => $"  - id: {t.Id}\n" + (t.Extra.Length == 0 ? string.Empty : "    " + t.Extra.Replace("\n", "\n    ") + "\n")))),
            ("tenantmodels.yaml", $"naming:\n  database: \"{prefix}_<tenant>\"\n" + (waves ?? string.Empty)),
            ("models/orders.yaml", $$"""
                model: orders
                materialized: table
                columns:
                  id: { type: integer, nullable: false }
                  total: numeric
                {{ordersExtraColumn}}
                primary_key: [id]
                """),
        };
        var result = ModelProjectCompiler.Compile(new ProjectInput("Fleet_" + prefix, version, files.Select(f => new DefinitionFile(f.Path, f.Path, f.Text)).ToList()));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bundle!;
    }

    /// <summary>The test server as a target map's server entry: its connection without a database.</summary>
    public static string ServerConnection => new NpgsqlConnectionStringBuilder(SharedPostgres.Server.ConnectionString) { Database = null }.ConnectionString;

    public static string DatabaseConnection(string database) =>
        new NpgsqlConnectionStringBuilder(SharedPostgres.Server.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>A target map whose only entry, the default, is the test server.</summary>
    public static string ServerMap()
    {
        var map = Path.Combine(CliRun.TempDirectory(), "fleet.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new { targets = new { main = new { connection = ServerConnection } }, @default = "main" }));
        return map;
    }

    /// <summary>The server's databases whose name starts with <paramref name="prefix"/>_, by name.</summary>
    public static string[] Databases(string prefix) =>
        Db.Rows(SharedPostgres.Server.ConnectionString, $"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}\\_%' ORDER BY 1");
}
