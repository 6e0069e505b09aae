using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// A statement Citus rejects is reported with PostgreSQL's own error (TM3005: artefact, SQLSTATE, Citus's message), and the
/// tenant is rolled back: never a bare "could not complete the apply: NpgsqlTransaction" (TM3007).
/// </summary>
[TestClass]
public sealed class FailureMessageTests
{
    [TestMethod]
    public void A_foreign_key_from_a_tenant_schema_to_a_local_table_fails_with_citus_own_message()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("failure");
        var bundle = BundleAssembler.Assemble("Failing", "1.0.0", Array.Empty<BundleSource>(), new[] { new BundleTenant("acme", "Acme", true, Array.Empty<string>()) },
            new[]
            {
                new CompiledArtefact("lookup", ArtefactKind.Table, ArtefactScope.Global, null,
                    "CREATE SCHEMA IF NOT EXISTS lookup;\nCREATE TABLE IF NOT EXISTS lookup.kind (id int PRIMARY KEY);\n", Array.Empty<string>(), "lookup.kind", null),
                new CompiledArtefact("tenant_schema", ArtefactKind.Schema, ArtefactScope.Tenant, null,
                    "CREATE SCHEMA IF NOT EXISTS \"tenant_{{tenant}}\";\n", Array.Empty<string>(), "\"tenant_{{tenant}}\"", null),
                new CompiledArtefact("item", ArtefactKind.Table, ArtefactScope.Tenant, null,
                    "CREATE TABLE IF NOT EXISTS \"tenant_{{tenant}}\".item (kind int REFERENCES lookup.kind (id));\n", new[] { "tenant_schema", "lookup" }, "\"tenant_{{tenant}}\".item", null),
            },
            distribution: "citus");
        var directory = Cli.Write(bundle);

        var applied = Cli.Against(db, "apply", directory);
        Assert.AreEqual(1, applied.ExitCode, applied.ToString());
        StringAssert.Contains(applied.Error, "TM3005: artefact 'item' (tenant acme) failed with SQLSTATE", applied.ToString());
        Assert.IsFalse(applied.ToString().Contains("NpgsqlTransaction", StringComparison.Ordinal), applied.ToString());
        Assert.AreEqual(false, CitusCluster.Scalar<bool>(db, "SELECT to_regnamespace('tenant_acme') IS NOT NULL"), "the tenant's transaction was rolled back");
    }
}
