using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;

namespace TenantModels.Runner.Tests.Cli;

/// <summary>Failures the runner detects before it touches a database: no server is needed (connections point at a closed port).</summary>
[TestClass]
public sealed class CliConfigurationTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody";

    [TestMethod]
    public void MissingConnectionExits2WithTm3001()
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Run(new Dictionary<string, string>(), "apply", bundle);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3001:");
        Assert.AreEqual(string.Empty, result.Out);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("65")]
    public void JobsOutsideOneTo64IsAUsageError(string jobs)
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Run(null, "apply", bundle, "--connection", Unreachable, "--jobs", jobs);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--jobs must be between 1 and 64");
    }

    [TestMethod]
    public void PasswordInConnectionOptionExits2WithTm3002AndIsNotEchoed()
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Run(null, "plan", bundle, "--connection", "Host=db;Username=deploy;Password=hunter2");

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3002:");
        Assert.IsFalse(result.Error.Contains("hunter2") || result.Out.Contains("hunter2"), result.ToString());
    }

    [TestMethod]
    public void PasswordInTheEnvironmentVariableIsAccepted()
    {
        // Only the command line is refused; TENANTMODELS_CONNECTION is not visible in `ps`. The closed port then fails the connect.
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        var env = new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = Unreachable + ";Password=x;Timeout=2" };

        var result = CliRun.Run(env, "plan", bundle);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3007:");
    }

    [TestMethod]
    public void TamperedArtefactFileExits3WithTm3003()
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        var file = Path.Combine(bundle, "artefacts", "canonical_view.call.sql");
        File.AppendAllText(file, "GRANT ALL ON ALL TABLES IN SCHEMA canonical TO PUBLIC;\n");

        var result = CliRun.Run(null, "apply", bundle, "--connection", Unreachable);

        Assert.AreEqual(ExitCodes.InvalidBundle, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3003:");
        StringAssert.Contains(result.Error, "artefacts/canonical_view.call.sql");
    }

    [TestMethod]
    public void TamperedManifestExits3WithTm3003()
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        var manifest = Path.Combine(bundle, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"enabled\": true", "\"enabled\": false"));

        var result = CliRun.Run(null, "plan", bundle, "--connection", Unreachable, "--json");

        Assert.AreEqual(ExitCodes.InvalidBundle, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3003:");
        StringAssert.Contains(result.Out, "\"code\": \"TM3003\"");
    }

    [TestMethod]
    public void UnknownOptionExits2()
    {
        var result = CliRun.Run(null, "apply", "somewhere", "--no-such-option");

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--no-such-option");
    }
}
