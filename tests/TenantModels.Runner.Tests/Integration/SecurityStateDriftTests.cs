using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// Security drift made by hand is found by diffing the bundle's typed desired state (owners, grants, row-level security,
/// policies, roles, memberships) against the live catalog: <c>verify</c> reports it (exit 5, named by the artefact that
/// declares the state) and a plain <c>apply</c> repairs it, after which verify is clean and the catalog is as declared.
/// </summary>
[TestClass]
public sealed class SecurityStateDriftTests
{
    private const string Prefix = "ssd";
    private static readonly string[] ThreeTenants = { "alpha", "bravo", "charlie" };
    private static string bundle = null!;

    [ClassInitialize]
    public static void Compile(TestContext context) =>
        bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(Prefix, "1.0.0", ThreeTenants, "shared"));

    /// <summary>A database of its own per case, so a drift one case leaves cannot make another fail (roles are cluster-wide: apply reconciles them).</summary>
    private static string Deployed()
    {
        var db = SharedPostgres.Server.CreateDatabase("security_state_drift");
        LiveDriftTests.Settle(db, bundle);
        return db;
    }

    [TestMethod]
    [DataRow("REVOKE SELECT ON tenant_bravo.orders FROM ssd_bravo_reader", "declared SELECT for ssd_bravo_reader is missing",
        "SELECT has_table_privilege('ssd_bravo_reader', 'tenant_bravo.orders', 'SELECT')")]
    [DataRow("GRANT DELETE ON shared.screens TO ssd_reader", "DELETE is granted to ssd_reader, which was not declared",
        "SELECT NOT has_table_privilege('ssd_reader', 'shared.screens', 'DELETE')")]
    [DataRow("GRANT SELECT ON tenant_alpha.orders TO ssd_bravo_reader", "SELECT is granted to ssd_bravo_reader, which was not declared",
        "SELECT NOT has_table_privilege('ssd_bravo_reader', 'tenant_alpha.orders', 'SELECT')")]
    [DataRow("GRANT UPDATE (total) ON tenant_alpha.orders TO ssd_alpha_reader", "UPDATE (total) is granted to ssd_alpha_reader, which was not declared",
        "SELECT NOT has_column_privilege('ssd_alpha_reader', 'tenant_alpha.orders', 'total', 'UPDATE')")]
    [DataRow("ALTER TABLE tenant_alpha.orders OWNER TO postgres", "is owned by postgres, not ssd_owner",
        "SELECT pg_get_userbyid(relowner) = 'ssd_owner' FROM pg_class WHERE oid = 'tenant_alpha.orders'::regclass")]
    [DataRow("ALTER TABLE shared.screens DISABLE ROW LEVEL SECURITY", "row-level security is not enabled",
        "SELECT relrowsecurity FROM pg_class WHERE oid = 'shared.screens'::regclass")]
    [DataRow("DROP POLICY tm_tenant_guard ON shared.screens", "declared policy tm_tenant_guard is missing",
        "SELECT EXISTS (SELECT FROM pg_policy WHERE polrelid = 'shared.screens'::regclass AND polname = 'tm_tenant_guard')")]
    [DataRow("ALTER POLICY tm_tenant ON shared.screens TO ssd_reader, ssd_app", "policy tm_tenant differs from its declaration: to ssd_app, ssd_reader, declared to ssd_reader",
        "SELECT polroles = ARRAY['ssd_reader'::regrole::oid] FROM pg_policy WHERE polrelid = 'shared.screens'::regclass AND polname = 'tm_tenant'")]
    [DataRow("ALTER ROLE ssd_alpha_reader BYPASSRLS", "has BYPASSRLS, which was not declared",
        "SELECT NOT rolbypassrls FROM pg_roles WHERE rolname = 'ssd_alpha_reader'")]
    [DataRow("GRANT ssd_bravo_reader TO ssd_alpha_reader", "is a member of ssd_bravo_reader, which was not declared",
        "SELECT NOT pg_has_role('ssd_alpha_reader', 'ssd_bravo_reader', 'MEMBER')")]
    [DataRow("DROP ROLE IF EXISTS ssd_hand_made; CREATE ROLE ssd_hand_made NOLOGIN; GRANT ssd_alpha_reader TO ssd_hand_made", "ssd_hand_made is a member: only logins may be",
        "SELECT NOT pg_has_role('ssd_hand_made', 'ssd_alpha_reader', 'MEMBER')")]
    [DataRow("REVOKE ssd_reader FROM ssd_charlie_reader", "is not a member of its group ssd_reader",
        "SELECT pg_has_role('ssd_charlie_reader', 'ssd_reader', 'MEMBER')")]
    [DataRow("GRANT USAGE ON SCHEMA tenant_alpha TO ssd_bravo_reader", "USAGE is granted to ssd_bravo_reader, which was not declared",
        "SELECT NOT has_schema_privilege('ssd_bravo_reader', 'tenant_alpha', 'USAGE')")]
    [DataRow("GRANT SELECT ON tenant_alpha.orders TO ssd_alpha_reader WITH GRANT OPTION", "SELECT is granted to ssd_alpha_reader with grant option, which was not declared",
        "SELECT has_table_privilege('ssd_alpha_reader', 'tenant_alpha.orders', 'SELECT') AND NOT has_table_privilege('ssd_alpha_reader', 'tenant_alpha.orders', 'SELECT WITH GRANT OPTION')",
        DisplayName = "a grant option nobody declared")]
    [DataRow("GRANT SELECT ON tenant_alpha.orders TO ssd_alpha_reader WITH GRANT OPTION; SET ROLE ssd_alpha_reader; GRANT SELECT ON tenant_alpha.orders TO ssd_bravo_reader; RESET ROLE",
        "SELECT is granted to ssd_bravo_reader, which was not declared",
        "SELECT NOT has_table_privilege('ssd_bravo_reader', 'tenant_alpha.orders', 'SELECT') AND NOT has_table_privilege('ssd_alpha_reader', 'tenant_alpha.orders', 'SELECT WITH GRANT OPTION')",
        DisplayName = "a tenant role passing its table on to another tenant's role through a grant option")]
    public void DriftMadeByHandIsReportedByVerifyAndRepairedByApply(string inject, string expected, string repaired)
    {
        var db = Deployed();
        Db.Execute(db, inject);

        var verify = CliRun.Against(db, "verify", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, expected, verify.ToString());
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Assert.IsTrue(Db.Scalar<bool>(db, repaired), "apply put it back:\n" + apply);
        var after = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, after.ExitCode, "verify is clean after the repair:\n" + after + "\n" + apply);
        StringAssert.Contains(CliRun.Against(db, "apply", bundle).Out, "Nothing to apply");
    }

    /// <summary>The typed comparison names what differs by the artefact whose SQL declares it (and repairs it), not by a check.</summary>
    [TestMethod]
    public void AFindingNamesTheArtefactThatDeclaresTheState()
    {
        var db = Deployed();
        Db.Execute(db, "GRANT INSERT ON tenant_charlie.orders TO ssd_charlie_reader");

        var verify = CliRun.Against(db, "verify", bundle, "--json");

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        var findings = System.Text.Json.JsonDocument.Parse(verify.Out).RootElement.GetProperty("drift").EnumerateArray()
            .Select(d => d.GetProperty("artefact").GetString() + "|" + d.GetProperty("tenant").GetString() + "|" + d.GetProperty("problem").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "grants.table.orders|charlie|INSERT is granted to ssd_charlie_reader, which was not declared" }, findings, verify.Out);
    }
}

/// <summary>A bundle built before the manifest carried typed security still applies, and its isolation checks still find and repair drift.</summary>
[TestClass]
public sealed class SecurityStateFallbackTests
{
    [TestMethod]
    public void ABundleWithoutTypedSecurityIsVerifiedAndRepairedByItsIsolationChecks()
    {
        var db = SharedPostgres.Server.CreateDatabase("security_state_fallback");
        var compiled = SecuredProjects.Compile("ssf", "1.0.0", new[] { "alpha", "bravo" });
        var stripped = compiled.Manifest with { Artefacts = compiled.Manifest.Artefacts.Select(a => a with { Security = null, Roles = null }).ToList() };
        stripped = stripped with { ContentHash = BundleAssembler.ContentHashOf(stripped) };
        var old = new Bundle(stripped with { DeployChecksum = Checksums.OfWritten(w => DeployScript.Write(stripped, a => compiled.ArtefactFiles[a.Path], w)) }, compiled.ArtefactFiles);
        Assert.IsFalse(ManifestJson.Write(old.Manifest).Contains("\"roles\": [", StringComparison.Ordinal), "the bundle carries no typed security");
        var path = HandBuiltBundles.WriteToTemp(old);
        LiveDriftTests.Settle(db, path);
        Db.Execute(db, "GRANT INSERT ON tenant_alpha.orders TO ssf_alpha_reader");

        var verify = CliRun.Against(db, "verify", path);
        var apply = CliRun.Against(db, "apply", path);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "check:object.table.orders", verify.ToString());
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Assert.IsFalse(Db.Scalar<bool>(db, "SELECT has_table_privilege('ssf_alpha_reader', 'tenant_alpha.orders', 'INSERT')"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", path).ExitCode);
    }
}
