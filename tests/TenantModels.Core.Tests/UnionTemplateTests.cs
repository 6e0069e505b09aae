using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class UnionTemplateTests
{
    private static readonly UnionTemplate Template = new(
        "CREATE OR REPLACE VIEW \"canonical\".\"call\" AS",
        new[]
        {
            new KeyValuePair<string, string>("outreach", "SELECT \"id\", CAST('{{tenant}}' AS text) AS \"tenant_id\" FROM \"{{tenant}}_stg_outreach\".\"call\""),
            new KeyValuePair<string, string>("salesloft", "SELECT \"id\", CAST('{{tenant}}' AS text) AS \"tenant_id\" FROM \"{{tenant}}_stg_salesloft\".\"call\""),
        },
        "SELECT CAST(NULL AS bigint) AS \"id\", CAST(NULL AS text) AS \"tenant_id\" WHERE false");

    [TestMethod]
    public void Text_form_round_trips()
    {
        var parsed = UnionTemplate.Parse(Template.Write());
        Assert.AreEqual(Template.Header, parsed.Header);
        Assert.AreEqual(Template.Empty, parsed.Empty);
        CollectionAssert.AreEqual(Template.Branches.ToList(), parsed.Branches.ToList());
    }

    [TestMethod]
    public void Expands_for_any_tenants_in_order_skipping_disabled_ones_and_sources_they_lack()
    {
        var sql = Template.Expand(new[]
        {
            new BundleTenant("b_new", "provisioned at run time", true, new[] { "salesloft", "outreach" }),
            new BundleTenant("a_off", "disabled", false, new[] { "outreach" }),
            new BundleTenant("c", "c", true, new[] { "salesloft" }),
        });
        Assert.AreEqual(
            "CREATE OR REPLACE VIEW \"canonical\".\"call\" AS\n" +
            "SELECT \"id\", CAST('b_new' AS text) AS \"tenant_id\" FROM \"b_new_stg_outreach\".\"call\"\nUNION ALL\n" +
            "SELECT \"id\", CAST('b_new' AS text) AS \"tenant_id\" FROM \"b_new_stg_salesloft\".\"call\"\nUNION ALL\n" +
            "SELECT \"id\", CAST('c' AS text) AS \"tenant_id\" FROM \"c_stg_salesloft\".\"call\";\n",
            sql);
    }

    [TestMethod]
    public void No_enabled_tenant_gives_the_typed_empty_form() =>
        Assert.AreEqual(Template.Header + "\n" + Template.Empty + ";\n", Template.Expand(new BundleTenant[0]));

    [TestMethod]
    [DataRow("SELECT 1")]
    [DataRow("--@ header\nx\n--@ nonsense\ny\n--@ empty\nz")]
    [DataRow("--@ header\nx\n")]
    public void Malformed_text_is_refused(string text) =>
        Assert.ThrowsExactly<System.FormatException>(() => UnionTemplate.Parse(text));
}
