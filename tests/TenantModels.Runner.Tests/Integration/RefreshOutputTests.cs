using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Spectre.Console.Testing;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>What an operator sees of <c>refresh</c> (samples/SalesEtl: a materialized view per tenant): live on a terminal, plain redirected, --quiet, the summary.</summary>
[TestClass]
public sealed class RefreshOutputTests
{
    private static (string Db, string Bundle) Deployed(string name)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SalesEtl"), "SalesEtl", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle!, bundle);
        var db = SharedPostgres.Server.CreateDatabase(name);
        Db.Execute(db, File.ReadAllText(RepoPaths.Combine("samples", "SalesEtl", "demo", "raw-data.sql")));
        var applied = CliRun.Against(db, "apply", bundle, "--quiet");
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        return (db, bundle);
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    [TestMethod]
    public void RedirectedRefreshKeepsItsLinesAndEndsWithTheSummary()
    {
        var (db, bundle) = Deployed("refresh_output_plain");

        var refresh = CliRun.Against(db, "refresh", bundle);

        Assert.AreEqual(ExitCodes.Success, refresh.ExitCode, refresh.ToString());
        var lines = Lines(refresh.Out);
        CollectionAssert.AreEqual(new[] { "  refreshed tenant tenant1", "  refreshed tenant tenant2" }, lines.Where(l => l.StartsWith("  refreshed", System.StringComparison.Ordinal)).Select(l => l.Split(':')[0]).ToArray(), refresh.Out);
        StringAssert.StartsWith(lines[^2], "Refreshed ");
        StringAssert.Matches(lines[^1], new System.Text.RegularExpressions.Regex(@"^Finished in \d+\.\ds: 2 refreshed, 0 failed, 0 skipped\.$"));

        var quiet = CliRun.Against(db, "refresh", bundle, "-q");

        Assert.AreEqual(ExitCodes.Success, quiet.ExitCode, quiet.ToString());
        Assert.AreEqual(1, Lines(quiet.Out).Length, quiet.Out);
        StringAssert.Contains(quiet.Out, ": 2 refreshed, 0 failed, 0 skipped.");
    }

    [TestMethod]
    public void RefreshOnATerminalDrawsTheCounter()
    {
        var (db, bundle) = Deployed("refresh_output_live");
        var terminal = new TestConsole().Interactive().Width(200);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = new RunnerApp(terminal, stdout, stderr, _ => null).Run(new[] { "refresh", bundle, "--connection", db });

        Assert.AreEqual(ExitCodes.Success, exit, terminal.Output + stderr);
        StringAssert.Contains(terminal.Output, "2/2 transaction(s), 0 failed");
        StringAssert.Contains(terminal.Output, ": 2 refreshed, 0 failed, 0 skipped.");
        Assert.IsFalse(stdout.ToString().Contains("  refreshed tenant"), stdout.ToString());
    }
}
