using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// A secured bundle carries its desired owners, grants, policies and roles as data (an artefact's <c>security</c> and
/// <c>roles</c>), under the content hash, read back as written; a bundle without <c>security:</c> has none of it.
/// </summary>
[TestClass]
public sealed class ManifestSecurityStateTests
{
    private static BundleManifest Case(string name) =>
        CaseCompiler.Compile(RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Cases", name)).Bundle!.Manifest;

    [TestMethod]
    public void A_shared_tables_security_is_in_its_grants_artefact_and_survives_the_manifest()
    {
        var manifest = Case("security_shared_rls");
        var read = ManifestJson.Read(ManifestJson.Write(manifest));

        var screens = read.Artefacts.Single(a => a.Id == "grants.table.screens").Security!;
        Assert.AreEqual("gs2_owner", screens.Owner);
        CollectionAssert.AreEqual(new[] { "SELECT", "INSERT", "UPDATE", "DELETE" }, screens.Grants.Single(g => g.Role == "gs2_writer").Privileges.ToArray());
        Assert.IsTrue(screens.RowSecurity!.Enabled && screens.RowSecurity.Forced);
        CollectionAssert.AreEqual(new[] { "tm_tenant", "tm_tenant_guard", "tm_app", "tm_app_guard" }, screens.RowSecurity.Policies.Select(p => p.Name).ToArray());
        var guard = screens.RowSecurity.Policies.Single(p => p.Name == "tm_tenant_guard");
        Assert.IsFalse(guard.Permissive);
        StringAssert.Contains(guard.Using, "\"current_tenant\"()");
        var tenantRoles = read.Artefacts.Single(a => a.Id == "security.tenant_roles").Roles!;
        Assert.IsTrue(tenantRoles.All(r => r.Name.Contains(ArtefactTemplate.TenantPlaceholder) && !r.Login && !r.BypassRls && r.MemberOf.Count == 1), "tenant roles are templates, NOLOGIN, in their group only");
        Assert.IsTrue(read.Artefacts.Single(a => a.Id == "security.roles").Roles!.Single(r => r.Name == "gs2_admin").BypassRls);
        Assert.AreEqual(ManifestJson.Write(manifest), ManifestJson.Write(read), "written again, the same bytes");
    }

    [TestMethod]
    public void The_security_state_is_under_the_content_hash()
    {
        var manifest = Case("security_schema_per_tenant");
        var grants = manifest.Artefacts.First(a => a.Security is not null && a.Kind == ArtefactKind.Grants);
        var weakened = manifest with
        {
            Artefacts = manifest.Artefacts.Select(a => a == grants ? a with { Security = a.Security! with { Grants = a.Security.Grants.Skip(1).ToList() } } : a).ToList(),
        };

        Assert.AreNotEqual(BundleAssembler.ContentHashOf(manifest), BundleAssembler.ContentHashOf(weakened));
    }

    [TestMethod]
    public void A_bundle_without_security_has_no_security_state()
    {
        var manifest = Case("basic_two_providers");

        Assert.IsTrue(manifest.Artefacts.All(a => a.Security is null && a.Roles is null));
        Assert.IsFalse(ManifestJson.Write(manifest).Contains("\"security\"", System.StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("\"tenant_id\" = (SELECT \"vf_security\".\"current_tenant\"())", "(tenant_id = ( SELECT vf_security.current_tenant() AS current_tenant))", true)]
    [DataRow("\"tenant_id\" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')",
        "(tenant_id = NULLIF(current_setting('tenantmodels.tenant'::text, true), ''::text))", true)]
    [DataRow("\"tenant_id\" = (SELECT \"vf_security\".\"current_tenant\"())", "true", false)]
    [DataRow("\"tenant_id\" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')",
        "(tenant_id = NULLIF(current_setting('tenantmodels.Tenant'::text, true), ''::text))", false)]
    public void Policy_expressions_compare_as_postgres_gives_them_back(string desired, string live, bool same) =>
        Assert.AreEqual(same, PolicyExpression.Same(desired, live), PolicyExpression.Normalize(desired) + " vs " + PolicyExpression.Normalize(live));
}
