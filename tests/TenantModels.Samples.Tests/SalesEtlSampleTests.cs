using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Samples.Tests;

/// <summary>
/// The ETL seed's steps — column mapping, dtype conversion, rounding, computed columns, a lookup, a materialized view —
/// on each enabled tenant's raw ERP export; the disabled tenant gets nothing. Expected values are worked out by hand
/// from samples/SalesEtl/demo/raw-data.sql.
/// </summary>
[TestClass]
public sealed class SalesEtlSampleTests
{
    private static SampleDeployment deployment = null!;

    [ClassInitialize]
    public static void Apply(TestContext context) => deployment = SampleDeployment.Apply("SalesEtl");

    [ClassCleanup]
    public static void Cleanup() => deployment.Dispose();

    [TestMethod]
    public void Staging_view_renames_converts_rounds_computes_and_looks_up()
    {
        CollectionAssert.AreEqual(
            new[]
            {
                "M-100\tFevicol 1kg\tZFGD\t2024-04-02\t10\t120.46\t1144.33\tMUM01\t∅",
                "M-100\tFevicol 1kg\tZFGD\t2024-04-03\t3\t120.46\t361.37\tMUM01\t∅",
                "M-200\tDr. Fixit 5L\tZFGD\t2024-04-03\t1\t1000.00\t900.00\tMUM02\t∅",
                "M-900\tSample pack\tZSMP\t2024-04-04\t50\t0.10\t5.00\tMUM01\t∅",
            },
            deployment.Rows("SELECT * FROM tenant1_stg_erp.secondary_sales ORDER BY material_code, invoice_date").ToList());
    }

    [TestMethod]
    public void Materialized_view_aggregates_per_tenant()
    {
        CollectionAssert.AreEqual(
            new[] { "MUM01\tZFGD\t2\t1505.70", "MUM02\tZFGD\t1\t900.00" },
            deployment.Rows("SELECT * FROM tenant_tenant1.secondary_sales_by_territory ORDER BY territory_code").ToList());
        CollectionAssert.AreEqual(
            new[] { "DEL01\tZFGD\t1\t826.00" },
            deployment.Rows("SELECT * FROM tenant_tenant2.secondary_sales_by_territory").ToList());
    }

    [TestMethod]
    public void Canonical_view_has_every_enabled_tenant_and_not_the_disabled_one()
    {
        CollectionAssert.AreEqual(
            new[] { "tenant1\t4", "tenant2\t1" },
            deployment.Rows("SELECT tenant_id, count(*) FROM canonical.secondary_sales GROUP BY tenant_id ORDER BY tenant_id").ToList());
        CollectionAssert.AreEqual(
            new string[0],
            deployment.Rows("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%tenant3%'").ToList());
    }

    [TestMethod]
    public void Manifest_orders_tenants_by_registry_with_priorities()
    {
        var tenants = deployment.Bundle.Manifest.Tenants;
        CollectionAssert.AreEqual(new[] { "tenant1:1:True", "tenant2:2:True", "tenant3:3:False" },
            tenants.Select(t => $"{t.Id}:{t.Priority}:{t.Enabled}").ToList());
    }
}
