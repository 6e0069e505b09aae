using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Database;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The registry check answered from one read of the registry (<see cref="RegistryCheck"/>) finds exactly what the
/// bundle's <c>tenant.registry</c> SQL finds run for each tenant: same tenant, object and problem, on a clean registry
/// and on each kind of tampering.
/// </summary>
[TestClass]
public sealed class RegistryCheckTests
{
    private static readonly string[] Tenants = { "alpha", "bravo", "charlie" };
    private static string db = null!;
    private static Bundle bundle = null!;

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        _ = context;
        db = SharedPostgres.Server.CreateDatabase("registry_check");
        bundle = SecuredProjects.Compile("rg", "1.0.0", Tenants);
        var apply = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(bundle));
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
    }

    [TestMethod]
    [DataRow("SELECT 1", "SELECT 1", null)]
    [DataRow("UPDATE rg_security.tenant_role SET tenant_id = 'bravo' WHERE role_name = 'rg_alpha_reader'",
        "UPDATE rg_security.tenant_role SET tenant_id = 'alpha' WHERE role_name = 'rg_alpha_reader'", "role rg_alpha_reader is registered for tenant bravo but is not one of its roles")]
    [DataRow("DELETE FROM rg_security.tenant_role WHERE role_name = 'rg_charlie_reader'",
        "INSERT INTO rg_security.tenant_role VALUES ('rg_charlie_reader', 'charlie')", "role rg_charlie_reader is not registered for tenant charlie (it is for none)")]
    [DataRow("INSERT INTO rg_security.tenant_role VALUES ('rg_stray', 'alpha'), ('rg_ghost', 'nobody')",
        "DELETE FROM rg_security.tenant_role WHERE role_name IN ('rg_stray', 'rg_ghost')", "role rg_stray is registered for tenant alpha but is not one of its roles")]
    public void FindsWhatTheChecksSqlFindsForEachTenant(string tamper, string undo, string? expected)
    {
        Db.Execute(db, tamper);
        List<string> setBased, perTenant;
        try
        {
            using var connection = new NpgsqlConnection(db);
            connection.Open();
            var check = IsolationCheck.Parse(bundle.ArtefactFiles[bundle.Manifest.Security!.ChecksPath]).Single(c => c.Name == RegistryCheck.Name);
            using var transaction = connection.BeginTransaction();
            setBased = RegistryCheck.Run(connection, transaction, bundle.Manifest, check, Tenants)!
                .Select(d => $"{d.Artefact} | {d.Tenant} | {d.Object} | {d.Problem}").Order(StringComparer.Ordinal).ToList();
            perTenant = Tenants.SelectMany(t => RunSql(connection, transaction, ArtefactTemplate.Expand(check.Sql, t))
                .Select(f => $"check:{check.Name} | {t} | {f.Object} | {f.Problem}")).Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            Db.Execute(db, undo);
        }

        CollectionAssert.AreEqual(perTenant, setBased, "set-based:\n" + string.Join("\n", setBased) + "\nper tenant:\n" + string.Join("\n", perTenant));
        if (expected is null)
        {
            Assert.AreEqual(0, setBased.Count, string.Join("\n", setBased));
        }
        else
        {
            Assert.IsTrue(setBased.Any(f => f.EndsWith(expected, StringComparison.Ordinal)), string.Join("\n", setBased));
        }
    }

    [TestMethod]
    public void AnUnreadableRegistryLeavesTheCheckToItsSql()
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var check = IsolationCheck.Parse(bundle.ArtefactFiles[bundle.Manifest.Security!.ChecksPath]).Single(c => c.Name == RegistryCheck.Name);
        var moved = bundle.Manifest with
        {
            Artefacts = bundle.Manifest.Artefacts.Select(a => a.Id == check.Artefact ? a with { Object = "\"rg_security\".\"no_such_registry\"" } : a).ToList(),
        };
        using var transaction = connection.BeginTransaction();

        Assert.IsNull(RegistryCheck.Run(connection, transaction, moved, check, Tenants));
        // The transaction is still usable: the failed read was rolled back to its savepoint.
        Assert.AreEqual(1, new NpgsqlCommand("SELECT 1", connection, transaction).ExecuteScalar());
    }

    private static List<(string Object, string Problem)> RunSql(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        var findings = new List<(string, string)>();
        using var command = new NpgsqlCommand(sql, connection, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            findings.Add((reader.GetString(0), reader.GetString(1)));
        }

        return findings;
    }
}
