using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Spectre.Console.Testing;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>What an operator sees of <c>tenants provision|remove</c>: its line and the closing summary, --quiet, the live line on a terminal.</summary>
[TestClass]
public sealed class ProvisionOutputTests
{
    private const string Signup = "org_signup_9";

    private static string PreparedDatabase(string name, out string bundle)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(db);
        Db.Execute(db, $"""
            CREATE SCHEMA "{Signup}_raw_salesloft";
            CREATE TABLE "{Signup}_raw_salesloft".call (id bigint, created_at text, user_id text, disposition text);
            """);
        bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle, "--quiet").ExitCode);
        return db;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    [TestMethod]
    public void ProvisionAndRemovePrintTheirLineThenTheSummaryAndQuietOnlyTheSummary()
    {
        var db = PreparedDatabase("provision_output", out var bundle);

        var provision = CliRun.Against(db, "tenants", "provision", bundle, Signup, "--source", "salesloft");

        Assert.AreEqual(ExitCodes.Success, provision.ExitCode, provision.ToString());
        var lines = Lines(provision.Out);
        Assert.AreEqual(2, lines.Length, provision.Out);
        StringAssert.StartsWith(lines[0], $"Provisioned tenant {Signup}: ");
        StringAssert.Matches(lines[1], new Regex(@"^Finished in \d+\.\ds: 1 provisioned, 0 failed, 0 skipped\.$"));

        var remove = CliRun.Against(db, "tenants", "remove", bundle, Signup, "--allow-data-loss", "--quiet");

        Assert.AreEqual(ExitCodes.Success, remove.ExitCode, remove.ToString());
        StringAssert.Matches(remove.Out, new Regex(@"^Finished in \d+\.\ds: 1 removed, 0 failed, 0 skipped\.\r?\n$"));
    }

    [TestMethod]
    public void ProvisionOnATerminalDrawsTheCounter()
    {
        var db = PreparedDatabase("provision_output_live", out var bundle);
        var terminal = new TestConsole().Interactive().Width(200);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = new RunnerApp(terminal, stdout, stderr, _ => null).Run(new[] { "tenants", "provision", bundle, Signup, "--source", "salesloft", "--connection", db });

        Assert.AreEqual(ExitCodes.Success, exit, terminal.Output + stderr);
        StringAssert.Contains(terminal.Output, "1/1 transaction(s), 0 failed");
        StringAssert.Contains(terminal.Output, ": 1 provisioned, 0 failed, 0 skipped.");
        StringAssert.StartsWith(stdout.ToString(), $"Provisioned tenant {Signup}: ", "its own line is printed once the display is closed");
    }
}
