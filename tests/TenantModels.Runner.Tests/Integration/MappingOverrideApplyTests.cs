using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// samples/SalesEtl: tenant2's export names the quantity column <c>invoice_qty</c> and writes dates as DD.MM.YYYY (its
/// <c>overrides:</c> in tenants.yaml). Applied by the runner, each tenant's staging view reads its own layout.
/// </summary>
[TestClass]
public sealed class MappingOverrideApplyTests
{
    [TestMethod]
    public void EachTenantsStagingViewReadsItsOwnRawLayout()
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SalesEtl"), "SalesEtl", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle!, bundle);
        var db = SharedPostgres.Server.CreateDatabase("overrides_apply");
        Db.Execute(db, File.ReadAllText(RepoPaths.Combine("samples", "SalesEtl", "demo", "raw-data.sql")));
        Assert.AreEqual(0L, Db.Scalar<long>(db,
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant2_raw_erp' AND table_name = 'fact_invoice_secondary' AND column_name = 'qty'"),
            "tenant2's raw table must lack the shared layout's column, or this test proves nothing");

        var applied = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        CollectionAssert.AreEqual(new[] { "M-100|2024-05-01|7|826.00" },
            Db.Rows(db, "SELECT material_code, invoice_date::text, quantity, net_amount::text FROM tenant2_stg_erp.secondary_sales ORDER BY 1, 2"));
        CollectionAssert.AreEqual(
            new[] { "M-100|2024-04-02|10|1144.33", "M-100|2024-04-03|3|361.37", "M-200|2024-04-03|1|900.00", "M-900|2024-04-04|50|5.00" },
            Db.Rows(db, "SELECT material_code, invoice_date::text, quantity, net_amount::text FROM tenant1_stg_erp.secondary_sales ORDER BY 1, 2"));
        CollectionAssert.AreEqual(new[] { "tenant1|4", "tenant2|1" },
            Db.Rows(db, "SELECT tenant_id, count(*) FROM canonical.secondary_sales GROUP BY tenant_id ORDER BY 1"));
        StringAssert.Contains(CliRun.Against(db, "apply", bundle).Out, "Nothing to apply");
    }
}
