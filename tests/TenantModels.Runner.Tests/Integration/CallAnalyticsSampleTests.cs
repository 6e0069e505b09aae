using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>End to end: the real compiler's bundle of samples/CallAnalytics, applied by the real runner to a real PostgreSQL.</summary>
[TestClass]
public sealed class CallAnalyticsSampleTests
{
    [TestMethod]
    public void CompiledSampleAppliesWithExactRowsAndReappliesWithoutDdl()
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        Assert.AreNotEqual(0, compiled.Bundle!.Manifest.Artefacts.Count, "the compiler produced no artefacts for samples/CallAnalytics");
        var bundle = System.IO.Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle, bundle);
        var db = SharedPostgres.Server.CreateDatabase("sample_call_analytics");
        CallAnalyticsData.CreateRawSchemas(db);
        Db.InstallDdlLog(db);

        var first = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        ApplyTests.AssertSampleViews(db);
        var ddl = Db.DdlCount(db);

        var second = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, second.ExitCode, second.ToString());
        StringAssert.Contains(second.Out, "Nothing to apply: the database matches CallAnalytics 1.0.0.");
        Assert.AreEqual(ddl, Db.DdlCount(db), "re-applying the compiled sample ran DDL");
    }
}
