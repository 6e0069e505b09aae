using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Tests;

/// <summary>deploy.sql writes canonical partitions without building strings: byte for byte what the string path gives.</summary>
[TestClass]
public sealed class OneTenantUnionTests
{
    private static readonly BundleArtefact Partition = new("partition.call", ArtefactKind.Partition, ArtefactScope.Tenant, null, "p", "c", new string[0], "o", null);

    [TestMethod]
    [DataRow("", DisplayName = "no footer")]
    [DataRow("ALTER TABLE canonical.\"call_{{tenant}}\" OWNER TO \"{{tenant}}_owner\";", DisplayName = "footer with the tenant")]
    public void EveryTenantShape_IsWrittenAsTheStringPathExpandsIt(string footer)
    {
        var template = new UnionTemplate(
            "CREATE TABLE canonical.\"call_{{tenant}}\" PARTITION OF canonical.call FOR VALUES IN ('{{tenant}}');\nINSERT INTO canonical.\"call_{{tenant}}\"",
            new[]
            {
                new System.Collections.Generic.KeyValuePair<string, string>("outreach", "SELECT id, '{{tenant}}' FROM \"{{tenant}}_stg_outreach\".call"),
                new System.Collections.Generic.KeyValuePair<string, string>("salesloft", "SELECT id, '{{tenant}}' FROM \"{{tenant}}_stg_salesloft\".call"),
                new System.Collections.Generic.KeyValuePair<string, string>(UnionTemplate.EveryTenant, "SELECT 0, '{{tenant}}'"),
            },
            "SELECT NULL, '{{tenant}}' WHERE false",
            footer).Write();
        var union = OneTenantUnion.TryCreate(template);
        Assert.IsNotNull(union);
        foreach (var tenant in new[]
        {
            new BundleTenant("acme", "Acme", true, new[] { "outreach", "salesloft" }),
            new BundleTenant("globex", "Globex", true, new[] { "salesloft" }),
            new BundleTenant("initech", "Initech", true, new string[0]),
            new BundleTenant("umbrella", "Umbrella", false, new[] { "outreach" }),
        })
        {
            using var writer = new StringWriter();
            Assert.IsTrue(union.TryWrite(writer, tenant));
            Assert.AreEqual(ArtefactTemplate.ExpandFor(Partition, template, tenant).TrimEnd('\n'), writer.ToString(), tenant.Id);
        }
    }

    [TestMethod]
    public void ATemplateWithTenantValues_TakesTheStringPath() =>
        Assert.IsNull(OneTenantUnion.TryCreate(new UnionTemplate("CREATE TABLE t_{{tenant}} AS", new[] { new System.Collections.Generic.KeyValuePair<string, string>("s", "SELECT {{attr:region}}") }, "SELECT 1 WHERE false").Write()));
}
