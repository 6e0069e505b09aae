using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>check</c>: a bundle's SQL applied for one tenant to a scratch database of the development server, which is dropped after.</summary>
[TestClass]
public sealed class CheckCommandTests
{
    private const string Call = """
        model: call
        materialized: view
        scope: tenant
        columns:
          call_id: { type: bigint, nullable: false }
          call_created_at: timestamp
          user_id: text
          call_disposition_name: text
        from:
          outreach:
            table: call
            join:
              call_disposition: "call_disposition.id = call.relationship_call_disposition_id"
            columns:
              call_id: id
              call_created_at: created_at
              user_id: relationship_user_id
              call_disposition_name: call_disposition.name
          salesloft:
            table: call
            columns:
              call_id: id
              call_created_at: created_at
              user_id: user_id
              call_disposition_name: disposition
        canonical: true
        """;

    /// <summary>A SQL model over a source model; <paramref name="where"/> is its filter, as the user typed it.</summary>
    private static string BusyDays(string where) => $$$"""
        # Days on which a tenant made more than one call.
        model: busy_days
        materialized: view
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
        canonical: true
        """;

    internal static string CompileToTemp(string where, params (string Path, string Text)[] extra)
    {
        var files = new List<(string Path, string Text)>
        {
            ("tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n    sources: [outreach]\n  - id: globex\n    name: Globex\n    sources: [salesloft]\n"),
            ("sources/outreach.yaml", "source: outreach\ntables:\n  call:\n    columns:\n      id: bigint\n      created_at: timestamp\n      relationship_user_id: text\n      relationship_call_disposition_id: bigint\n  call_disposition:\n    columns:\n      id: bigint\n      name: text\n"),
            ("sources/salesloft.yaml", "source: salesloft\ntables:\n  call:\n    columns:\n      id: bigint\n      created_at: text\n      user_id: text\n      disposition: text\n"),
            ("models/call.yaml", Call),
            ("models/busy_days.yaml", BusyDays(where)),
        };
        files.AddRange(extra);
        var compiled = ModelProjectCompiler.Compile(new ProjectInput("Checked", "1.0.0",
            files.Select(f => new DefinitionFile("/projects/checked/" + f.Path, f.Path, f.Text)).ToList()));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return HandBuiltBundles.WriteToTemp(compiled.Bundle!);
    }

    private static string ScratchNameOf(CliResult result)
    {
        var match = Regex.Match(result.Out, @"in scratch database (tm_check_[0-9a-f]+)\.");
        Assert.IsTrue(match.Success, "the check does not say which scratch database it used: " + result);
        return match.Groups[1].Value;
    }

    private static void AssertDropped(string scratch) =>
        Assert.AreEqual(0L, Db.Scalar<long>(SharedPostgres.Server.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{scratch}'"),
            $"the scratch database {scratch} was left behind");

    [TestMethod]
    public void ATypoInAModelsSqlFailsTheCheckAtItsYamlLineAndColumnAndLeavesNoDatabase()
    {
        var bundle = CompileToTemp("wher");

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.CheckFailed, result.ExitCode, result.ToString());
        // `wher` is on line 13 of the YAML file (the sixth of its sql: block, which starts on line 8), at column 3.
        StringAssert.Contains(result.Error,
            "models/busy_days.yaml(13,3): error TM3070: artefact 'view.busy_days' failed the check on a scratch database with SQLSTATE 42601: syntax error at or near",
            result.ToString());
        // The typo is on the sixth line of the model's sql:, as the user wrote it.
        StringAssert.Contains(result.Error, "syntax error at or near \"wher\" (line 6 of the sql: of the model defined at models/busy_days.yaml:2:8)", result.ToString());
        Assert.AreEqual(1, Regex.Matches(result.Error, "error TM").Count, "only the model's own error is reported, not its dependents': " + result);

        // What depends on it is named as not checked; the source model's views stand in for the raw tables the bundle does not describe.
        StringAssert.Contains(result.Out, "not checked  canonical_view.busy_days: it depends on 'view.busy_days'", result.ToString());
        StringAssert.Contains(result.Out, "not checked  staging_view.outreach.call (tenant acme): it reads the raw tables of source 'outreach'", result.ToString());
        StringAssert.Contains(result.Out, "ok           canonical_view.call", result.ToString());
        AssertDropped(ScratchNameOf(result));
    }

    /// <summary>A data test whose SQL names a column the model does not have: its query is run on the scratch database too.</summary>
    [TestMethod]
    public void ADataTestNamingAnUnknownColumnFailsTheCheckAtTheTestsYamlLine()
    {
        var bundle = CompileToTemp("where", ("models/daily_totals.yaml", """
            model: daily_totals
            columns:
              n: bigint
            sql: select count(*) as n from pg_class
            tests:
              - expression: "n > 0"
              - expression: "no_such_column > 0"
            """));

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.CheckFailed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "models/daily_totals.yaml(7,5): error TM3091: data test 'daily_totals.expression_2' (models/daily_totals.yaml:7:5) could not run for tenant 'acme' with SQLSTATE 42703: column \"no_such_column\" does not exist", result.ToString());
        Assert.AreEqual(1, Regex.Matches(result.Error, "error TM").Count, "the other tests' queries run: " + result);
        StringAssert.Contains(result.Out, "ok           test daily_totals.expression", result.ToString());
        StringAssert.Contains(result.Out, "FAILED       test daily_totals.expression_2", result.ToString());
        AssertDropped(ScratchNameOf(result));
    }

    /// <summary>What the SDK passes when it runs the check during a build: IDEs open the file from MSBuild's error list.</summary>
    [TestMethod]
    public void WithTheProjectFolderTheDiagnosticNamesTheYamlByItsFullPath()
    {
        var project = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tm-check-project");

        var result = CliRun.Run(null, "check", CompileToTemp("wher"), "--dev-connection", SharedPostgres.Server.ConnectionString, "--project-dir", project);

        Assert.AreEqual(ExitCodes.CheckFailed, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Error, System.IO.Path.Combine(project, "models", "busy_days.yaml") + "(13,3): error TM3070:", result.ToString());
    }

    [TestMethod]
    public void TheSameProjectFixedPassesTheCheck()
    {
        var bundle = CompileToTemp("where");

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, "ok           view.busy_days (tenant acme)", result.ToString());
        StringAssert.Contains(result.Out, "ok           canonical_view.busy_days", result.ToString());
        Assert.AreEqual(string.Empty, result.Error, result.ToString());
        AssertDropped(ScratchNameOf(result));
    }

    [TestMethod]
    public void AServerThatRefusesTheScratchDatabaseIsAFailureNotACheckResult()
    {
        var bundle = CompileToTemp("where");
        var role = "tm_check_nocreatedb";
        Db.Execute(SharedPostgres.Server.ConnectionString, $"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN NOCREATEDB");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(SharedPostgres.Server.ConnectionString) { Username = role }.ConnectionString;

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", connection);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3007: could not create a scratch database on the development server: SQLSTATE 42501", result.ToString());
    }

    [TestMethod]
    public void WithoutADevelopmentServerTheCheckIsAUsageError()
    {
        var result = CliRun.Run(new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = SharedPostgres.Server.ConnectionString }, "check", CompileToTemp("where"));

        // Never the production connection of the environment: a check creates databases.
        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--dev-connection", result.ToString());
    }

    /// <summary>No sample fails the check: its tables, seeds, canonical tables and secured objects apply to an empty database as they are.</summary>
    [TestMethod]
    [DataRow("CallAnalytics")]
    [DataRow("SalesEtl")]
    [DataRow("SchemaPerTenantCrm")]
    [DataRow("ShopTenants")]
    [DataRow("WhiteLabelAnalytics")]
    public void EverySamplePassesTheCheck(string sample)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", sample), sample, "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));

        var result = CliRun.Run(null, "check", HandBuiltBundles.WriteToTemp(compiled.Bundle!), "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, " 0 failed,", result.ToString());
        AssertDropped(ScratchNameOf(result));
    }

    [TestMethod]
    public void ASecuredBundleIsCheckedWithItsRolesAndLeavesNoRoleOnTheServer()
    {
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile("tmchk", "1.0.0", new[] { "alpha", "beta" }, isolation: "shared"));

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, "ok           security.roles", result.ToString());
        StringAssert.Contains(result.Out, "ok           grants.table.orders (tenant alpha)", result.ToString());
        Assert.AreEqual(0L, Db.Scalar<long>(SharedPostgres.Server.ConnectionString, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'tmchk%'"),
            "roles are server-wide: the check must leave none behind");
        AssertDropped(ScratchNameOf(result));
    }

    [TestMethod]
    public void WithJsonStdoutIsOneDocumentNamingTheFailure()
    {
        var result = CliRun.Run(null, "check", CompileToTemp("wher"), "--dev-connection", SharedPostgres.Server.ConnectionString, "--json");

        Assert.AreEqual(ExitCodes.CheckFailed, result.ExitCode, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.AreEqual("failed", json.RootElement.GetProperty("status").GetString());
        Assert.AreEqual(8, json.RootElement.GetProperty("exitCode").GetInt32());
        var diagnostic = json.RootElement.GetProperty("diagnostics").EnumerateArray().Single();
        Assert.AreEqual("TM3070", diagnostic.GetProperty("code").GetString());
        Assert.AreEqual("view.busy_days", diagnostic.GetProperty("artefact").GetString());
        Assert.AreEqual("42601", diagnostic.GetProperty("sqlState").GetString());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.AreEqual("failed", steps.Single(s => s.GetProperty("artefact").GetString() == "view.busy_days").GetProperty("reason").GetString());
    }

    [TestMethod]
    public void AModelReadingARawTableInItsOwnSqlIsNotCheckedRatherThanFailed()
    {
        var bundle = CompileToTemp("where", ("models/raw_calls.yaml", """
            model: raw_calls
            materialized: view
            columns:
              id: bigint
            sql: |
              select id from {{ tenant }}_raw_outreach.call
            """));

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, "not checked  view.raw_calls (tenant acme): it reads the raw tables of source 'outreach'", result.ToString());
        AssertDropped(ScratchNameOf(result));
    }
}
