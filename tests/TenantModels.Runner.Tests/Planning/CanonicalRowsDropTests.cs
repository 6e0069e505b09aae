using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Tests.Planning;

/// <summary>What dropping a tenant's rows of a canonical table runs, for a record of either table form.</summary>
[TestClass]
public sealed class CanonicalRowsDropTests
{
    [TestMethod]
    public void ATenantsRowsAreDeletedFromTheTableNeverTheTableDropped()
    {
        var sql = DropStatements.For(ArtefactKind.Partition, "\"canonical\".\"call\"", "acme");

        StringAssert.Contains(sql, "DELETE FROM \"canonical\".\"call\" WHERE \"tenant_id\" = 'acme';");
        Assert.IsFalse(sql.Contains("DROP TABLE", StringComparison.Ordinal), sql);
    }

    [TestMethod]
    public void ARecordOfThePartitionFormDropsThatPartitionAndDeletesTheTenantsRowsFromTheTable()
    {
        var sql = DropStatements.For(ArtefactKind.Partition, "\"canonical\".\"call$acme\"", "acme");

        StringAssert.Contains(sql, "c.relname = 'call$acme'");
        StringAssert.Contains(sql, "DELETE FROM \"canonical\".\"call\" WHERE \"tenant_id\" = 'acme';");
    }

    [TestMethod]
    public void RowsWithoutATenantAreRefused() =>
        Assert.ThrowsExactly<ArgumentException>(() => DropStatements.For(ArtefactKind.Partition, "\"canonical\".\"call\""));
}
