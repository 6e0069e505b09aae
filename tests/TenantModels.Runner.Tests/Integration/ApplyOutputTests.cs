using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Spectre.Console;
using Spectre.Console.Testing;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Output;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// What an operator sees of an apply: the live display on a terminal (driven through Spectre's test console), plain lines
/// when redirected or with --verbose, --quiet, the closing summary, JSON's formatVersion, NO_COLOR, tables sized to content.
/// </summary>
[TestClass]
public sealed class ApplyOutputTests
{
    private static readonly Regex Summary = new(@"^Finished in \d+(\.\d|m\d\ds)s?: (?<applied>\d+) applied, (?<failed>\d+) failed, (?<skipped>\d+) skipped, (?<upToDate>\d+) up-to-date\.$");

    private static string NewDatabase(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CreateRawSchemas(db);
        return db;
    }

    private static string Bundle() => HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    private static (int Exit, TestConsole Terminal, string Out, string Error) OnTerminal(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = environment ?? new Dictionary<string, string>();
        var terminal = new TestConsole().Interactive().Width(200);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = new RunnerApp(terminal, stdout, stderr, name => env.TryGetValue(name, out var value) ? value : null).Run(args);
        return (exit, terminal, stdout.ToString(), stderr.ToString());
    }

    [TestMethod]
    public void RedirectedApplyPrintsALinePerTransactionThenTheClosingSummary()
    {
        var db = NewDatabase("output_redirected");

        var apply = CliRun.Against(db, "apply", Bundle());

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        var lines = Lines(apply.Out);
        var applied = lines.Count(l => l.StartsWith("  applied ", System.StringComparison.Ordinal));
        Assert.AreEqual(5, applied, apply.Out);
        StringAssert.StartsWith(lines[^2], "Applied ", "the lines of today come first, unchanged");
        var summary = Summary.Match(lines[^1]);
        Assert.IsTrue(summary.Success, apply.Out);
        Assert.AreEqual("5", summary.Groups["applied"].Value);
        Assert.AreEqual("0", summary.Groups["failed"].Value);
        Assert.AreEqual("0", summary.Groups["upToDate"].Value);

        var again = CliRun.Against(db, "apply", Bundle());

        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        var upToDate = Summary.Match(Lines(again.Out)[^1]);
        Assert.IsTrue(upToDate.Success, again.Out);
        Assert.AreEqual("0", upToDate.Groups["applied"].Value);
        Assert.AreEqual("5", upToDate.Groups["upToDate"].Value, "global, three tenants and the union had nothing to do");
    }

    [TestMethod]
    public void ApplyOnATerminalDrawsTheCounterAndTheSummaryInsteadOfALinePerTransaction()
    {
        var db = NewDatabase("output_live");

        var apply = OnTerminal(null, "apply", Bundle(), "--connection", db);

        Assert.AreEqual(ExitCodes.Success, apply.Exit, apply.Terminal.Output + apply.Error);
        StringAssert.Contains(apply.Terminal.Output, "5/5 transaction(s), 0 failed");
        StringAssert.Contains(apply.Terminal.Output, "100%");
        Assert.IsTrue(apply.Terminal.Lines.Any(l => Summary.IsMatch(l.Trim()) && l.Contains("5 applied")), apply.Terminal.Output);
        Assert.IsFalse(apply.Out.Contains("  applied "), "the live display stands for the per-transaction lines: " + apply.Out);
        Assert.AreEqual(string.Empty, apply.Error);
    }

    [TestMethod]
    public void ApplyOnATerminalCountsAFailedTenant()
    {
        var db = SharedPostgres.Server.CreateDatabase("output_live_failed");
        CreateRawSchemas(db, includeAcme: false);

        var apply = OnTerminal(null, "apply", Bundle(), "--connection", db);

        Assert.AreEqual(ExitCodes.Failed, apply.Exit, apply.Terminal.Output + apply.Error);
        StringAssert.Contains(apply.Terminal.Output, "1 failed");
        StringAssert.Contains(apply.Error, "TM3015", "errors are printed once the display is closed");
        Assert.IsTrue(apply.Terminal.Lines.Any(l => Summary.Match(l.Trim()) is { Success: true } m && m.Groups["failed"].Value == "1"), apply.Terminal.Output);
    }

    [TestMethod]
    public void ATargetMapOnATerminalCountsEveryDatabaseThenPrintsItsTableSizedToContent()
    {
        const string longTarget = "warehouse_eu_central_primary_database";
        var a = SharedPostgres.Server.CreateDatabase("output_map_a");
        var b = SharedPostgres.Server.CreateDatabase("output_map_b");
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["targets"] = new Dictionary<string, object> { ["a"] = new { connection = a }, [longTarget] = new { connection = b } },
            ["tenants"] = new Dictionary<string, string> { ["shop_a"] = "a", ["shop_b"] = longTarget },
        }));
        var bundle = HandBuiltBundles.WriteToTemp(TableBundles.Shop());

        var apply = OnTerminal(null, "apply", bundle, "--targets", map, "--parallel", "2");

        Assert.AreEqual(ExitCodes.Success, apply.Exit, apply.Terminal.Output + apply.Out + apply.Error);
        var last = Regex.Matches(apply.Terminal.Output, @"(\d+)/(\d+) transaction\(s\), 0 failed").Last();
        Assert.AreEqual(last.Groups[2].Value, last.Groups[1].Value, "every transaction of both databases done: " + apply.Terminal.Output);
        Assert.AreEqual("2", last.Groups[2].Value, "one tenant transaction in each database, both counted: " + apply.Terminal.Output);
        var lines = Lines(apply.Out);
        var header = lines.Single(l => l.StartsWith("target ", System.StringComparison.Ordinal));
        var row = lines.Single(l => l.StartsWith(longTarget, System.StringComparison.Ordinal));
        Assert.AreEqual(longTarget.Length + 1, header.IndexOf("status", System.StringComparison.Ordinal), apply.Out);
        StringAssert.StartsWith(row.Substring(longTarget.Length + 1), "applied ", apply.Out);
        Assert.IsFalse(lines.Any(l => l.StartsWith("[", System.StringComparison.Ordinal)), "the targets' own lines are replaced by the display: " + apply.Out);
        Assert.IsFalse(lines.Any(l => l.EndsWith(' ')), "no trailing spaces: " + apply.Out);
    }

    [TestMethod]
    public void VerboseOnATerminalPrintsTheLinesOfARedirectedApply()
    {
        var db = NewDatabase("output_verbose");

        var apply = OnTerminal(null, "apply", Bundle(), "--connection", db, "--verbose");

        Assert.AreEqual(ExitCodes.Success, apply.Exit, apply.Out + apply.Error);
        Assert.AreEqual(5, Lines(apply.Out).Count(l => l.StartsWith("  applied ", System.StringComparison.Ordinal)), apply.Out);
        Assert.IsFalse(apply.Terminal.Output.Contains("transaction(s), 0 failed"), "no live display with --verbose: " + apply.Terminal.Output);
    }

    [TestMethod]
    public void QuietPrintsOnlyTheSummary()
    {
        var db = NewDatabase("output_quiet");

        var apply = CliRun.Against(db, "apply", Bundle(), "--quiet");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        var lines = Lines(apply.Out);
        Assert.AreEqual(1, lines.Length, apply.Out);
        Assert.IsTrue(Summary.IsMatch(lines[0]), apply.Out);
    }

    [TestMethod]
    public void QuietAndVerboseTogetherAreAUsageError()
    {
        var apply = CliRun.Run(null, "apply", Bundle(), "--quiet", "--verbose");

        Assert.AreEqual(ExitCodes.UsageError, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error, "--quiet and --verbose cannot be used together");
    }

    [TestMethod]
    public void JsonStartsWithItsFormatVersionAndCarriesNoSummary()
    {
        var db = NewDatabase("output_json");

        var apply = CliRun.Against(db, "apply", Bundle(), "--json");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        var first = JsonDocument.Parse(apply.Out).RootElement.EnumerateObject().First();
        Assert.AreEqual("formatVersion", first.Name);
        Assert.AreEqual(1, first.Value.GetInt32());
        Assert.IsFalse(apply.Out.Contains("Finished in"), apply.Out);
    }

    [TestMethod]
    public void NoColorTurnsColoursOffWhateverTheTerminalSupports()
    {
        using var writer = new StringWriter();

        var coloured = OperatorConsole.Create(writer, _ => null, interactive: true, ColorSystemSupport.TrueColor);
        var plain = OperatorConsole.Create(writer, name => name == "NO_COLOR" ? "1" : null, interactive: true, ColorSystemSupport.TrueColor);
        var empty = OperatorConsole.Create(writer, name => name == "NO_COLOR" ? string.Empty : null, interactive: true, ColorSystemSupport.TrueColor);

        Assert.AreEqual(ColorSystem.TrueColor, coloured.Profile.Capabilities.ColorSystem);
        Assert.AreEqual(ColorSystem.NoColors, plain.Profile.Capabilities.ColorSystem);
        Assert.AreEqual(ColorSystem.TrueColor, empty.Profile.Capabilities.ColorSystem, "NO_COLOR counts only when set to something");
    }

    [TestMethod]
    public void TenantsTableColumnsFitA63CharacterTenantId()
    {
        var longId = "org_" + new string('x', 51) + "_k3x9abc";
        Assert.AreEqual(63, longId.Length);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics(tenants: new[] { new BundleTenant(longId, "Long", true, new[] { "outreach" }), HandBuiltBundles.Tenants[2] }));
        var db = SharedPostgres.Server.CreateDatabase("output_long_tenant");

        var list = CliRun.Against(db, "tenants", "list", bundle);

        Assert.AreEqual(ExitCodes.Success, list.ExitCode, list.ToString());
        var lines = Lines(list.Out);
        var origin = lines[0].IndexOf("origin", System.StringComparison.Ordinal);
        var row = lines.Single(l => l.StartsWith(longId, System.StringComparison.Ordinal));
        Assert.AreEqual(origin, longId.Length + 1, "the tenant column is as wide as the longest id: " + list.Out);
        Assert.AreEqual(' ', row[origin - 1], list.Out);
        Assert.AreEqual("bundle", row.Substring(origin).Split(' ')[0], list.Out);
        Assert.IsFalse(lines.Any(l => l.EndsWith(' ')), "no trailing spaces: " + list.Out);
    }
}
