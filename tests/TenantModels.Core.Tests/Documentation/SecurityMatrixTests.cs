using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Documentation;

namespace TenantModels.Core.Tests.Documentation;

[TestClass]
public sealed class SecurityMatrixTests
{
    [TestMethod]
    public void Owner_grants_and_policies_are_read_per_object_and_role()
    {
        const string sql = "ALTER TABLE \"s\".\"t\" OWNER TO \"own\";\n"
            + "REVOKE ALL ON TABLE \"s\".\"t\" FROM PUBLIC, \"grp\";\n"
            + "GRANT SELECT, INSERT ON TABLE \"s\".\"t\" TO \"grp\", \"adm\";\n"
            + "CREATE POLICY \"tm_tenant\" ON \"s\".\"t\" AS PERMISSIVE FOR ALL TO \"grp\" USING (\"tenant_id\" = x()) WITH CHECK (\"tenant_id\" = x());\n";

        var entries = SecurityMatrix.EntriesOf(sql);

        CollectionAssert.AreEqual(new[] { "own", "grp", "adm" }, entries.Select(e => e.Role).ToArray());
        CollectionAssert.AreEqual(new[] { SecurityMatrix.OwnerPrivilege }, entries[0].Privileges.ToArray());
        CollectionAssert.AreEqual(new[] { "SELECT", "INSERT" }, entries[1].Privileges.ToArray());
        CollectionAssert.AreEqual(new[] { "tm_tenant (PERMISSIVE FOR ALL) USING (\"tenant_id\" = x())" }, entries[1].Policies.ToArray());
        Assert.AreEqual(0, entries[2].Policies.Count);
        Assert.IsTrue(entries.All(e => e.Object == "\"s\".\"t\""));
    }

    [TestMethod]
    public void Shared_isolation_sample_the_partner_group_reads_screens_under_its_tenant_policies()
    {
        var matrix = SecurityMatrix.Build(LineageGraphTests.Sample("WhiteLabelAnalytics"));

        Assert.AreEqual("shared", matrix.Isolation);
        var partner = matrix.Entries.Single(e => e.Object == "\"shared\".\"screens\"" && e.Role == "wl_partner");
        CollectionAssert.AreEqual(new[] { "SELECT" }, partner.Privileges.ToArray());
        CollectionAssert.AreEqual(new[] { "tm_tenant", "tm_tenant_guard" }, partner.Policies.Select(p => p.Split(' ')[0]).ToArray());
        var admin = matrix.Entries.Single(e => e.Object == "\"shared\".\"screens\"" && e.Role == "wl_admin");
        Assert.AreEqual(0, admin.Policies.Count, "the admin bypasses row-level security: no policy names it");
        Assert.IsTrue(matrix.Entries.Any(e => e.Object == "\"shared\".\"screens\"" && e.Role == "wl_owner" && e.Privileges.Contains(SecurityMatrix.OwnerPrivilege)));
        CollectionAssert.IsSubsetOf(new[] { "wl_owner", "wl_admin", "wl_app", "wl_partner", "wl_{{tenant}}_partner" }, matrix.Roles.Select(r => r.Name).ToArray());
    }

    [TestMethod]
    public void A_bundle_without_security_has_an_empty_matrix()
    {
        var matrix = SecurityMatrix.Build(LineageGraphTests.Sample("CallAnalytics"));

        Assert.IsNull(matrix.Isolation);
        Assert.AreEqual(0, matrix.Entries.Count);
        Assert.AreEqual(0, matrix.Roles.Count);
    }
}
