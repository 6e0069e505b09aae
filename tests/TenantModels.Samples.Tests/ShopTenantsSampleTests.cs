using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Samples.Tests;

/// <summary>
/// The dynamic tenant management seed: the same seed CSVs (customers, orders, products, regions) loaded into each
/// tenant's own tables, and the analysis views over them, per tenant and across tenants.
/// </summary>
[TestClass]
public sealed class ShopTenantsSampleTests
{
    private static SampleDeployment deployment = null!;

    [ClassInitialize]
    public static void Apply(TestContext context) => deployment = SampleDeployment.Apply("ShopTenants");

    [ClassCleanup]
    public static void Cleanup() => deployment.Dispose();

    [TestMethod]
    [DataRow("acme_corp")]
    [DataRow("global_inc")]
    [DataRow("startup_xyz")]
    public void Each_tenant_has_its_seeded_tables_and_dashboard(string tenant)
    {
        CollectionAssert.AreEqual(
            new[] { "1\tAlice Johnson\talice@example.com\t1\t2024-01-15", "2\tBob Smith\tbob@example.com\t2\t2024-02-20", "3\tChen, Wei\twei.chen@example.com\t1\t2024-03-05" },
            deployment.Rows($"SELECT * FROM {tenant}.customers ORDER BY customer_id").ToList());
        CollectionAssert.AreEqual(
            new[] { "East\t0\t0\t0.00", "North\t2\t3\t1375.00", "South\t1\t1\t300.00" },
            deployment.Rows($"SELECT * FROM {tenant}.sales_by_region ORDER BY region_name").ToList());
        CollectionAssert.AreEqual(
            new[] { "Coffee Beans\tGrocery\t14\t175.00", "Desk Chair\tFurniture\t2\t300.00", "Laptop\tElectronics\t1\t1200.00" },
            deployment.Rows($"SELECT * FROM {tenant}.product_performance ORDER BY product_name").ToList());
    }

    [TestMethod]
    public void Canonical_dashboard_spans_tenants()
    {
        CollectionAssert.AreEqual(
            new[] { "acme_corp\t1675.00", "global_inc\t1675.00", "startup_xyz\t1675.00" },
            deployment.Rows("SELECT tenant_id, sum(revenue) FROM canonical.sales_by_region GROUP BY tenant_id ORDER BY tenant_id").ToList());
    }

    [TestMethod]
    public void Reapplying_the_same_seeds_changes_nothing_and_keeps_rows()
    {
        var (exit, output) = deployment.ApplyAgain();
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "Nothing to apply");
        CollectionAssert.AreEqual(new[] { "4" }, deployment.Rows("SELECT count(*) FROM acme_corp.orders").ToList());
    }

    [TestMethod]
    public void Manifest_names_each_tenants_database()
    {
        Assert.AreEqual("<tenant>_db", deployment.Bundle.Manifest.DatabasePattern);
    }
}
