using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Documentation;

namespace TenantModels.Core.Tests.Documentation;

[TestClass]
public sealed class ModelColumnTests
{
    [TestMethod]
    public void A_view_signature_is_cut_at_top_level_commas_only()
    {
        var artefact = new BundleArtefact("view.v", ArtefactKind.View, ArtefactScope.Tenant, null, "p", "c", new string[0], "o",
            "\"id\" bigint, \"amount\" numeric(12,2), \"a, \"\"b\"\"\" text");

        var columns = ModelColumn.Of(artefact);

        CollectionAssert.AreEqual(new[] { "id", "amount", "a, \"b\"" }, columns.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "bigint", "numeric(12,2)", "text" }, columns.Select(c => c.Type).ToArray());
    }

    [TestMethod]
    public void A_table_s_columns_come_from_its_definition_with_their_details()
    {
        var bundle = LineageGraphTests.Sample("WhiteLabelAnalytics");
        var table = bundle.Manifest.Artefacts.Single(a => a.Id == "table.screens");

        var columns = ModelColumn.Of(table);

        Assert.AreEqual(table.Table!.Columns.Count, columns.Count);
        Assert.IsTrue(columns.Any(c => c.Name == "tenant_id" && c.Detail.Contains("not null")), string.Join(", ", columns));
    }
}
