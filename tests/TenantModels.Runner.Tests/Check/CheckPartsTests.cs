using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Check;

namespace TenantModels.Runner.Tests.Check;

/// <summary>The parts of <c>check</c> that need no database: stand-ins read from signatures, locations read from the manifest.</summary>
[TestClass]
public sealed class CheckPartsTests
{
    [TestMethod]
    public void AStandInHasTheSignaturesColumnsEvenWithCommasInTypesAndQuotesInNames()
    {
        var columns = StandIn.Columns("\"a\" bigint, \"net, \"\"gross\"\"\" numeric(14,2), \"at\" timestamp with time zone, \"tags\" text[]");

        CollectionAssert.AreEqual(
            new[] { "\"a\"|bigint", "\"net, \"\"gross\"\"\"|numeric(14,2)", "\"at\"|timestamp with time zone", "\"tags\"|text[]" },
            columns.Select(c => c.Name + "|" + c.Type).ToArray());
    }

    [TestMethod]
    public void AStandInIsAnEmptyObjectOfTheArtefactsKind()
    {
        var view = new BundleArtefact("staging_view.s.m", ArtefactKind.MaterializedView, ArtefactScope.Tenant, "s", "p", "c", new string[0], "\"{{tenant}}_stg_s\".\"m\"", "\"x\" numeric(12,2)");

        Assert.AreEqual(
            "CREATE MATERIALIZED VIEW \"t_stg_s\".\"m\" AS SELECT CAST(NULL AS numeric(12,2)) AS \"x\" WHERE false;",
            StandIn.Sql(view, "\"t_stg_s\".\"m\""));
        Assert.IsNull(StandIn.Sql(view with { Kind = ArtefactKind.Table }, "\"t\""), "only views are stood in for");
    }

    [TestMethod]
    [DataRow("models/x.yaml:3:5", "models/x.yaml", 3, 5)]
    [DataRow("C:/p/models/x.yaml:12:1", "C:/p/models/x.yaml", 12, 1)]
    [DataRow("models/x.yaml", "models/x.yaml", 0, 0)]
    public void DefinedAtReadsBackAsTheLocationTheCompilerWrote(string definedAt, string path, int line, int column) =>
        Assert.AreEqual(new SourceLocation(path, line, column), CheckFailure.Location(definedAt));
}
