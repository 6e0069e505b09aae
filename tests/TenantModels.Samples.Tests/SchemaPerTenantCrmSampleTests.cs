using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Samples.Tests;

/// <summary>The schema-per-tenant CRM: each tenant's tables in its own schema, isolated keys and sequences, its own pipeline view.</summary>
[TestClass]
public sealed class SchemaPerTenantCrmSampleTests
{
    private static SampleDeployment deployment = null!;

    [ClassInitialize]
    public static void Apply(TestContext context) => deployment = SampleDeployment.Apply("SchemaPerTenantCrm");

    [ClassCleanup]
    public static void Cleanup() => deployment.Dispose();

    [TestMethod]
    public void Each_tenant_has_its_own_tables_and_identity_sequences()
    {
        deployment.Rows(
            "INSERT INTO tenant_acme.users (email, role) VALUES ('admin@acme.com', 'owner') RETURNING id;" +
            "INSERT INTO tenant_acme.organizations (name, owner_id) VALUES ('Globex', 1);" +
            "INSERT INTO tenant_acme.deals (organization_id, title, amount) VALUES (1, 'Pilot', 1000), (1, 'Rollout', 5000);" +
            "INSERT INTO tenant_techstart.users (email) VALUES ('admin@acme.com');");

        // The same e-mail is fine in another tenant, and each tenant's ids start at 1: nothing is shared.
        CollectionAssert.AreEqual(new[] { "1\tadmin@acme.com\towner" }, deployment.Rows("SELECT id, email, role FROM tenant_acme.users").ToList());
        CollectionAssert.AreEqual(new[] { "1\tadmin@acme.com\tsalesperson" }, deployment.Rows("SELECT id, email, role FROM tenant_techstart.users").ToList());
        CollectionAssert.AreEqual(new[] { "lead\t2\t6000.00" }, deployment.Rows("SELECT * FROM tenant_acme.pipeline").ToList());
        CollectionAssert.AreEqual(new string[0], deployment.Rows("SELECT * FROM tenant_techstart.pipeline").ToList());
    }

    [TestMethod]
    public void Signup_provisions_a_new_tenant_with_its_tables_and_owner()
    {
        var (exit, output) = deployment.Run("tenants", "provision", deployment.BundlePath, "newco", "--name", "NewCo");
        Assert.AreEqual(0, exit, output);

        // The signup flow then creates the owner in the new tenant's own users table.
        CollectionAssert.AreEqual(
            new[] { "1	owner@newco.io	owner" },
            deployment.Rows("INSERT INTO tenant_newco.users (email, role) VALUES ('owner@newco.io', 'owner') RETURNING id, email, role").ToList());
        CollectionAssert.AreEqual(new string[0], deployment.Rows("SELECT * FROM tenant_newco.pipeline").ToList());

        // Applying the bundle again keeps the run-time tenant and its rows.
        var (again, againOutput) = deployment.ApplyAgain();
        Assert.AreEqual(0, again, againOutput);
        CollectionAssert.AreEqual(new[] { "1" }, deployment.Rows("SELECT count(*) FROM tenant_newco.users").ToList());
    }

    [TestMethod]
    public void Deleting_an_organization_cascades_within_the_tenant_only()
    {
        deployment.Rows(
            "INSERT INTO tenant_techstart.organizations (id, name) VALUES (100, 'Initech');" +
            "INSERT INTO tenant_techstart.contacts (organization_id, full_name) VALUES (100, 'Peter');" +
            "DELETE FROM tenant_techstart.organizations WHERE id = 100;");
        CollectionAssert.AreEqual(new[] { "0" }, deployment.Rows("SELECT count(*) FROM tenant_techstart.contacts WHERE organization_id = 100").ToList());
    }
}
