using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Naming;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class SqlWriterTests
{
    [TestMethod]
    [DataRow("call", "\"call\"")]
    [DataRow("select", "\"select\"")]
    [DataRow("we\"ird", "\"we\"\"ird\"")]
    public void Identifiers_are_always_quoted_with_embedded_quotes_doubled(string name, string expected) =>
        Assert.AreEqual(expected, SqlWriter.QuoteIdentifier(name));

    [TestMethod]
    [DataRow("org_a", "'org_a'")]
    [DataRow("x'; drop table t; --", "'x''; drop table t; --'")]
    [DataRow("back\\slash", "'back\\slash'")]
    public void Literals_double_single_quotes(string value, string expected) =>
        Assert.AreEqual(expected, SqlWriter.QuoteLiteral(value));

    [TestMethod]
    public void Nul_is_refused_in_identifiers_and_literals()
    {
        Assert.ThrowsExactly<System.ArgumentException>(() => SqlWriter.QuoteIdentifier("a\0b"));
        Assert.ThrowsExactly<System.ArgumentException>(() => SqlWriter.QuoteLiteral("a\0b"));
    }

    [TestMethod]
    [DataRow("org_javi_2_e0eynhkr", true)]
    [DataRow("a", true)]
    [DataRow("Org", false)]
    [DataRow("1org", false)]
    [DataRow("_org", false)]
    [DataRow("org-x", false)]
    [DataRow("org x", false)]
    [DataRow("orgé", false)]
    [DataRow("", false)]
    [DataRow("a23456789012345678901234567890123456789012345678901234567890123", true)]
    [DataRow("a234567890123456789012345678901234567890123456789012345678901234", false)]
    public void Names_must_have_the_identifier_shape_and_fit_63_bytes(string name, bool valid) =>
        Assert.AreEqual(valid, IdentifierRules.IsValidName(name));

    [TestMethod]
    public void Templates_refuse_to_expand_an_invalid_tenant_id() =>
        Assert.ThrowsExactly<System.ArgumentException>(() => Bundling.ArtefactTemplate.Expand("\"{{tenant}}_x\"", "a\"; drop"));

    [TestMethod]
    [DataRow("<tenant>_stg_<source>", true)]
    [DataRow("tenant_<tenant>", true)]
    [DataRow("<source>_x", false)]
    [DataRow("stg-<tenant>", false)]
    [DataRow("_<tenant>", false)]
    public void Naming_patterns_name_the_tenant_and_expand_to_identifiers(string pattern, bool valid) =>
        Assert.AreEqual(valid, new NamingPattern(pattern).IsValid);
}
