using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests;

/// <summary>
/// A registry may list no tenant (all provisioned at run time): its declared attributes are still in the manifest, where
/// `tenants provision --attribute` checks values against them.
/// </summary>
[TestClass]
public sealed class DeclaredAttributesWithoutTenantsTests
{
    [TestMethod]
    public void TheManifestDeclaresTheAttributes_WithNoTenantListed()
    {
        var result = ModelProjectCompiler.Compile(new ProjectInput("Empty", "1.0.0", new[]
        {
            new DefinitionFile("tenants.yaml", "tenants.yaml", "attributes:\n  region: text\n  seats: { type: integer, nullable: false }\ndefaults:\n  attributes: { seats: 1 }\ntenants: []\n"),
            new DefinitionFile("sources/crm.yaml", "sources/crm.yaml", "source: crm\ntables:\n  call:\n    columns:\n      id: bigint\n"),
            new DefinitionFile("models/call.yaml", "models/call.yaml", "model: call\ncolumns:\n  call_id: bigint\nfrom:\n  crm:\n    table: call\n    columns:\n      call_id: id\n"),
        }));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        CollectionAssert.AreEqual(new[] { "region text", "seats integer" },
            result.Bundle!.Manifest.Attributes!.Select(a => a.Name + " " + a.Type).ToArray());
    }
}
