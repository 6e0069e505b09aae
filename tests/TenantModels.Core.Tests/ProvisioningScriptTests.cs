using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Provisioning;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class ProvisioningScriptTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["email"] = "o'brien@x.io", ["schema"] = "We\"ird" };

    [TestMethod]
    public void VariablesBecomeQuotedLiteralsOrIdentifiersAndTheTenantIsExpanded()
    {
        var sql = ProvisioningScript.Prepare("INSERT INTO \"tenant_{{tenant}}\".users (email) VALUES (:'email'); SET search_path = :\"schema\";", "acme", Variables, out var errors);

        Assert.AreEqual(0, errors.Count);
        Assert.AreEqual("INSERT INTO \"tenant_acme\".users (email) VALUES ('o''brien@x.io'); SET search_path = \"We\"\"ird\";", sql);
    }

    [TestMethod]
    public void NothingIsSubstitutedInLiteralsCommentsDollarQuotesOrCasts()
    {
        const string text = "SELECT ':''email''', \":'email'\", $f$ :'email' $f$, x::\"text\", y::text /* :'email' */ -- :'email'\n";

        var sql = ProvisioningScript.Prepare(text, "acme", Variables, out var errors);

        Assert.AreEqual(0, errors.Count);
        Assert.AreEqual(text, sql);
    }

    [TestMethod]
    public void AVariableNotGivenIsAnErrorNamingIt()
    {
        var sql = ProvisioningScript.Prepare("VALUES (:'email', :'owner_name', :'owner_name')", "acme", Variables, out var errors);

        Assert.IsNull(sql);
        Assert.AreEqual(2, errors.Count);
        StringAssert.Contains(errors[0], "owner_name");
    }
}
