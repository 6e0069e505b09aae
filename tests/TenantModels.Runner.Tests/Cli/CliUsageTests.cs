using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;

namespace TenantModels.Runner.Tests.Cli;

/// <summary>Usage errors say what was probably meant and show the help of the command that was used.</summary>
[TestClass]
public sealed class CliUsageTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2";

    [TestMethod]
    [DataRow("aply", "apply")]
    [DataRow("verfy", "verify")]
    [DataRow("tenant", "tenants")]
    public void AMisspelledCommandGetsADidYouMean(string typed, string meant)
    {
        var result = CliRun.Run(null, typed, "bundle");

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"'{typed}'", result.ToString());
        StringAssert.Contains(result.Error, $"did you mean '{meant}'?", result.ToString());
    }

    [TestMethod]
    public void AMisspelledSubcommandOrOptionGetsADidYouMean()
    {
        var provision = CliRun.Run(null, "tenants", "provison", "bundle", "t1");
        var option = CliRun.Run(null, "apply", "bundle", "--conection", Unreachable);
        var far = CliRun.Run(null, "apply", "bundle", "--colour");

        StringAssert.Contains(provision.Error, "did you mean 'provision'?", provision.ToString());
        Assert.AreEqual(ExitCodes.UsageError, option.ExitCode, option.ToString());
        StringAssert.Contains(option.Error, "did you mean '--connection'?", option.ToString());
        Assert.IsFalse(far.Error.Contains("did you mean", System.StringComparison.Ordinal), "nothing is within two edits of --colour:\n" + far.Error);
    }

    [TestMethod]
    [DataRow("apply")]
    [DataRow("verify")]
    [DataRow("refresh")]
    public void ParallelWithoutATargetMapIsAUsageErrorNamingJobs(string command)
    {
        var alone = CliRun.Run(null, command, "bundle", "--parallel", "4", "--connection", Unreachable);
        var withMap = CliRun.Run(null, command, "bundle", "--parallel", "4", "--targets", "missing-map.json");

        Assert.AreEqual(ExitCodes.UsageError, alone.ExitCode, alone.ToString());
        StringAssert.Contains(alone.Error, "--parallel is how many databases of a target map to work on at once and needs --targets");
        StringAssert.Contains(alone.Error, "apply --jobs");
        Assert.IsFalse(withMap.Error.Contains("needs --targets", System.StringComparison.Ordinal), withMap.ToString());
    }

    [TestMethod]
    public void ServerOnlyOptionsWithoutATargetMapAreUsageErrors()
    {
        var create = CliRun.Run(null, "apply", "bundle", "--create-databases", "--connection", Unreachable);
        var drop = CliRun.Run(null, "tenants", "remove", "bundle", "acme", "--drop-database", "--allow-data-loss", "--connection", Unreachable);

        Assert.AreEqual(ExitCodes.UsageError, create.ExitCode, create.ToString());
        StringAssert.Contains(create.Error, "--create-databases needs --targets");
        Assert.AreEqual(ExitCodes.UsageError, drop.ExitCode, drop.ToString());
        StringAssert.Contains(drop.Error, "--drop-database needs --targets");
    }

    [TestMethod]
    public void AUsageErrorShowsTheHelpOfTheCommandUsed()
    {
        var result = CliRun.Run(null, "apply", "bundle", "--jobs", "0");

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--jobs must be between 1 and 64");
        StringAssert.Contains(result.Error, " apply <bundle-dir> [options]", result.ToString()); // after the executable's name
        StringAssert.Contains(result.Error, "--lock-timeout", "apply's own options are listed");
        Assert.IsFalse(result.Error.Contains("Run 'tenantmodels --help'", System.StringComparison.Ordinal), result.ToString());
        Assert.AreEqual(string.Empty, result.Out, "help for a usage error goes to stderr: stdout may be read as JSON");
    }

    [TestMethod]
    [DataRow("tenants", "provision", "bundle", "t1", "--source", "outreach")]
    [DataRow("tenants", "remove", "bundle", "t1", "--allow-data-loss")]
    [DataRow("refresh", "bundle")]
    [DataRow("apply", "bundle")]
    public void EveryCommandThatTakesTheDeploymentLockAcceptsLockWait(params string[] command)
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        var args = new System.Collections.Generic.List<string>(command);
        args[args.IndexOf("bundle")] = bundle;
        args.AddRange(new[] { "--lock-wait", "5", "--connection", Unreachable });

        var result = CliRun.Run(null, args.ToArray());

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, "parsed, then failed to connect to the closed port:\n" + result);
        StringAssert.Contains(result.Error, "error TM3007:", result.ToString());
    }

    [TestMethod]
    [DataRow("refresh")]
    [DataRow("apply")]
    public void ANegativeLockWaitIsAUsageError(string command)
    {
        var result = CliRun.Run(null, command, "bundle", "--lock-wait", "-1", "--connection", Unreachable);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--lock-wait must be zero or more seconds", result.ToString());
    }

    /// <summary>--jobs (tenants within one database) and --parallel (databases of a target map) are told apart where users look.</summary>
    [TestMethod]
    public void HelpTellsJobsFromParallel()
    {
        var help = CliRun.Run(null, "apply", "--help");

        Assert.AreEqual(ExitCodes.Success, help.ExitCode, help.ToString());
        var text = System.Text.RegularExpressions.Regex.Replace(help.Out, @"\s+", " ");
        StringAssert.Contains(text, "--jobs <jobs> Within ONE database: how many TENANT transactions to run at once");
        StringAssert.Contains(text, "--parallel <parallel> With --targets: how many DATABASES of the map to work on at once (not tenants within one database: that is apply --jobs)");
    }
}
