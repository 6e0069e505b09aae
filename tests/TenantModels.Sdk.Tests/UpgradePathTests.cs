using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Sdk.Tests.Infrastructure;
using TenantModels.Testing;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// Upgrading: the fixture project's bundle built with an older TenantModels.Sdk package version, then its next version
/// built with the current package, applied in order to one database by the installed runner — rows kept, new objects added.
/// </summary>
[TestClass]
public sealed class UpgradePathTests
{
    private const string OlderSdkVersion = "0.0.9";

    [TestMethod]
    public void Bundles_from_an_older_and_the_current_sdk_apply_in_order()
    {
        // The "older" package: this run's SDK package republished under an earlier version number. Repackaging (rather
        // than packing again with another version) leaves the repository's build outputs untouched for other tests.
        RepublishSdkAs(OlderSdkVersion);

        var older = SdkFixture.CopySample("CallAnalytics", "upgrade-v1");
        older.Write("CallAnalytics.csproj", older.Read("CallAnalytics.csproj").Replace("Sdk=\"TenantModels.Sdk\"", $"Sdk=\"TenantModels.Sdk/{OlderSdkVersion}\""));
        var v1 = older.Dotnet("publish", "-o", "out");
        Assert.IsTrue(v1.Succeeded, v1.Output);

        var current = SdkFixture.CopySample("CallAnalytics", "upgrade-v2");
        current.Write("CallAnalytics.csproj", current.Read("CallAnalytics.csproj").Replace("<Version>1.0.0</Version>", "<Version>1.1.0</Version>"));
        current.Write("models/call_count.yaml", """
            model: call_count
            columns:
              user_id: text
              calls: bigint
            sql: "select user_id, count(*) as calls from {{ ref('call', 'outreach') }} group by user_id"
            """);
        var v2 = current.Dotnet("publish", "-o", "out");
        Assert.IsTrue(v2.Succeeded, v2.Output);

        var connection = SharedPostgres.Server.CreateDatabase("upgrade");
        Execute(connection, File.ReadAllText(RepoPaths.Combine("samples", "CallAnalytics", "demo", "raw-data.sql")));
        var environment = new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = connection };

        var first = RunnerTool.Run(environment, "apply", older.PathOf("out/CallAnalytics.1.0.0.tmbundle"));
        Assert.AreEqual(0, first.ExitCode, first.Output);
        var second = RunnerTool.Run(environment, "apply", current.PathOf("out/CallAnalytics.1.1.0.tmbundle"));
        Assert.AreEqual(0, second.ExitCode, second.Output);
        var verify = RunnerTool.Run(environment, "verify", current.PathOf("out/CallAnalytics.1.1.0.tmbundle"));
        Assert.AreEqual(0, verify.ExitCode, verify.Output);

        Assert.AreEqual(6L, Scalar(connection, "SELECT count(*) FROM canonical.call"));
        Assert.AreEqual(2L, Scalar(connection, "SELECT calls FROM tenant_org_javi_2_e0eynhkr.call_count WHERE user_id = 'javi'"));

        // Going back is refused: the older bundle must not roll the database back.
        var back = RunnerTool.Run(environment, "apply", older.PathOf("out/CallAnalytics.1.0.0.tmbundle"));
        Assert.AreNotEqual(0, back.ExitCode, back.Output);
        StringAssert.Contains(back.Output, "TM3006");
    }

    private static void RepublishSdkAs(string version)
    {
        var target = Path.Combine(SdkFixture.Feed, $"TenantModels.Sdk.{version}.nupkg");
        if (File.Exists(target))
        {
            return;
        }

        File.Copy(SdkFixture.SdkPackage, target);
        using var package = ZipFile.Open(target, ZipArchiveMode.Update);
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", System.StringComparison.Ordinal));
        string text;
        using (var reader = new StreamReader(nuspec.Open()))
        {
            text = reader.ReadToEnd();
        }

        nuspec.Delete();
        using var writer = new StreamWriter(package.CreateEntry("TenantModels.Sdk.nuspec").Open());
        writer.Write(Regex.Replace(text, "<version>[^<]+</version>", $"<version>{version}</version>"));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }
}
