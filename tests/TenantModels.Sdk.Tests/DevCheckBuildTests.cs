using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;
using TenantModels.Testing;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// <c>TenantModelsDevConnection</c>: <c>dotnet build</c> runs <c>tenantmodels check</c> (shipped in the package, out of
/// process) on the bundle, so a typo only PostgreSQL can see fails the build at its YAML line. Off by default, never in
/// design-time builds, and not repeated while the bundle is unchanged.
/// </summary>
[TestClass]
public sealed class DevCheckBuildTests
{
    private const string Target = "CheckTenantModelsBundle";

    private static string BusyDays(string where) => $$$"""
        model: busy_days
        columns:
          day: date
          calls: bigint
        sql: |
          select day, calls from (
            select cast(call_created_at as date) as day, count(*) as calls
            from {{ ref('call', 'outreach') }}
            group by 1
          ) as daily
          {{{where}}} calls > 1
        """;

    [TestMethod]
    public void A_typo_in_a_models_sql_fails_the_build_at_its_yaml_line_only_when_the_property_is_set()
    {
        var plain = SdkFixture.CopySample("CallAnalytics", nameof(A_typo_in_a_models_sql_fails_the_build_at_its_yaml_line_only_when_the_property_is_set));
        plain.Write("models/busy_days.yaml", BusyDays("wher"));
        // The property as an environment variable (MSBuild reads those as properties): the connection string's ';' need no escaping.
        var checking = new ModelProject(plain.Directory, new Dictionary<string, string>(plain.Environment)
        {
            ["TenantModelsDevConnection"] = SharedPostgres.Server.ConnectionString,
        });

        var off = plain.Build();
        Assert.IsTrue(off.Succeeded, "without the property only the compiler checks, and it cannot see SQL typos: " + off);
        Assert.IsFalse(off.Ran(Target), off.DetailedLog);

        var designTime = checking.Dotnet("build", "-p:DesignTimeBuild=true");
        Assert.IsFalse(designTime.Output.Contains("TM3070", StringComparison.Ordinal), "a design-time build ran the check: " + designTime.Output);
        Assert.IsFalse(designTime.Output.Contains("tm_check_", StringComparison.Ordinal), designTime.Output);

        var failed = checking.Build();
        Assert.IsFalse(failed.Succeeded, "the check did not fail the build: " + failed);
        var line = BusyDays("wher").Split('\n').ToList().FindIndex(l => l.StartsWith("  wher", StringComparison.Ordinal)) + 1;
        StringAssert.Contains(failed.ConsoleOutput,
            $"{checking.PathOf("models/busy_days.yaml")}({line},3): error TM3070: artefact 'view.busy_days' failed the check on a scratch database with SQLSTATE 42601",
            failed.ToString());
        // The detailed log has no summary, so it holds each logged error exactly once.
        Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Matches(failed.DetailedLog, @": error [A-Z]+\d+: ").Count,
            "one error, and no second one for the runner's exit code: " + failed.DetailedLog);

        plain.Write("models/busy_days.yaml", BusyDays("where"));
        var passed = checking.Build();
        Assert.IsTrue(passed.Succeeded, passed.ToString());
        Assert.IsTrue(passed.Ran(Target), passed.DetailedLog);

        var unchanged = checking.Build();
        Assert.IsTrue(unchanged.Succeeded, unchanged.ToString());
        Assert.IsTrue(unchanged.Skipped(Target), "the bundle did not change since the check passed: " + unchanged.DetailedLog);
    }

    /// <summary>A runner that is missing, or that ends without a word (here a file that is no runner at all), fails the build: it never passes unchecked.</summary>
    [TestMethod]
    public void A_runner_missing_or_ending_without_a_report_fails_the_build_with_its_own_code()
    {
        var plain = SdkFixture.CopySample("CallAnalytics", nameof(A_runner_missing_or_ending_without_a_report_fails_the_build_with_its_own_code));
        var checking = new ModelProject(plain.Directory, new Dictionary<string, string>(plain.Environment)
        {
            ["TenantModelsDevConnection"] = SharedPostgres.Server.ConnectionString,
        });

        var missing = checking.Dotnet("build", "-p:TenantModelsRunnerAssembly=no/such/tenantmodels.dll");
        Assert.AreNotEqual(0, missing.ExitCode, missing.Output);
        StringAssert.Contains(missing.Output, "error TM0007: TenantModelsDevConnection is set, but the TenantModels runner", missing.Output);

        var notARunner = checking.Dotnet("build", "-p:TenantModelsRunnerAssembly=CallAnalytics.csproj");
        Assert.AreNotEqual(0, notARunner.ExitCode, notARunner.Output);
        StringAssert.Contains(notARunner.Output, "error TM0008: The development check of the bundle (tenantmodels check) ended with exit code", notARunner.Output);
    }
}
