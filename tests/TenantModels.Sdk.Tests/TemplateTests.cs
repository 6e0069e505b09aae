using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Sdk.Tests.Infrastructure;
using TenantModels.Testing;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// A newcomer's first steps (README): install the template package from a feed, `dotnet new tenantmodels`, `dotnet build`
/// with nothing added, then apply the bundle with the installed runner — each tenant sees its own rows.
/// </summary>
[TestClass]
public sealed class TemplateTests
{
    private static readonly ScratchFolder Scratch = new("tm-template");

    [ClassCleanup]
    public static void Cleanup() => Scratch.Delete();

    [TestMethod]
    public void New_project_builds_with_nothing_added_and_its_bundle_applies_per_tenant()
    {
        var workspace = NewWorkspace();
        var created = NewProject(workspace, "--feed", SdkFixture.Feed);
        Assert.IsTrue(created.Succeeded, created.Output);
        var directory = Path.Combine(workspace, "Acme");

        // The version is in the project file; no global.json is needed, and nuget.config names the feed given.
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(directory, "Acme.csproj")), $"<Project Sdk=\"TenantModels.Sdk/{SdkFixture.ProductVersion}\">");
        // dotnet new restored the project, which copied the editor schemas: completion works before the first build.
        foreach (var schema in new[] { "model", "project/model", "project/tenants" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(directory, "obj", "tenantmodels", "schemas", schema + ".schema.json")), $"{schema}.schema.json was not copied:\n{created.Output}");
        }

        Assert.IsFalse(File.Exists(Path.Combine(directory, "global.json")), "the template wrote a global.json");
        StringAssert.Contains(File.ReadAllText(Path.Combine(directory, "nuget.config")), $"value=\"{SdkFixture.Feed}\"");

        // A package folder of its own: TenantModels.Sdk must come from the feed the template's nuget.config names.
        var packages = Path.Combine(workspace, "packages");
        var project = new ModelProject(directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages });
        var build = project.Build();
        Assert.IsTrue(build.Succeeded, build.ToString());
        Assert.IsTrue(File.Exists(project.ManifestPath), "no bundle");
        Assert.IsTrue(Directory.Exists(Path.Combine(packages, "tenantmodels.sdk", SdkFixture.ProductVersion)), "the SDK was not restored into the project's package folder");

        var connection = SharedPostgres.Server.CreateDatabase("template");
        // The raw data a connector would land: the one step of the project's README before apply.
        Execute(connection, File.ReadAllText(Path.Combine(directory, "demo", "raw-data.sql")));
        var environment = new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = connection };
        var apply = RunnerTool.Run(environment, "apply", project.BundleDirectory);
        Assert.AreEqual(0, apply.ExitCode, apply.Output);
        var verify = RunnerTool.Run(environment, "verify", project.BundleDirectory);
        Assert.AreEqual(0, verify.ExitCode, verify.Output);

        CollectionAssert.AreEqual(
            new[] { "1 Nancy Davolio nancy.davolio@northwind.example", "2 Andrew Fuller andrew.fuller@northwind.example" },
            Rows(connection, "SELECT contact_id, name, email FROM northwind_stg_crm.contact ORDER BY contact_id"));
        CollectionAssert.AreEqual(
            new[] { "1 Kim Abercrombie kim@contoso.example" },
            Rows(connection, "SELECT contact_id, name, email FROM contoso_stg_crm.contact ORDER BY contact_id"));
        CollectionAssert.AreEqual(
            new[] { "contoso 1", "northwind 2" },
            Rows(connection, "SELECT tenant_id, count(*) FROM canonical.contact GROUP BY tenant_id ORDER BY tenant_id"));
    }

    [TestMethod]
    public void Without_a_feed_the_project_uses_the_usual_nuget_sources()
    {
        var workspace = NewWorkspace();
        var created = NewProject(workspace);
        Assert.IsTrue(created.Succeeded, created.Output);

        var files = Directory.EnumerateFiles(Path.Combine(workspace, "Acme"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(workspace, "Acme"), f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", System.StringComparison.Ordinal)) // the restore dotnet new runs writes obj/
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .ToList();
        CollectionAssert.AreEqual(
            new[] { ".vscode/settings.json", "Acme.csproj", "README.md", "demo/raw-data.sql", "models/contact.yaml", "sources/crm.yaml", "tenants.yaml" },
            files);
        var readme = File.ReadAllText(Path.Combine(workspace, "Acme", "README.md"));
        StringAssert.StartsWith(readme, "# Acme\n");
        StringAssert.Contains(readme, $"--version {SdkFixture.ProductVersion}");
    }

    /// <summary>
    /// A folder standing for the user's repository: outside the fixture root, whose global.json and nuget.config
    /// would otherwise resolve the SDK for the project; MSBuild's upward search for Directory.Build.* stops here.
    /// </summary>
    private static string NewWorkspace()
    {
        var workspace = Scratch.NewPath();
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(workspace, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(workspace, "Directory.Build.targets"), "<Project />\n");
        return workspace;
    }

    /// <summary>
    /// `dotnet new install` of this run's template package, then `dotnet new tenantmodels -n Acme`, both in a template
    /// hive of the workspace's own, so the user's installed templates are neither read nor changed.
    /// </summary>
    private static ProcessResult NewProject(string workspace, params string[] options)
    {
        var hive = Path.Combine(workspace, "template-hive");
        var install = DotnetCli.Run(workspace, SdkFixture.Environment, "new", "install", SdkFixture.TemplatePackage, "--debug:custom-hive", hive);
        Assert.IsTrue(install.Succeeded, install.Output);
        return DotnetCli.Run(workspace, SdkFixture.Environment,
            new[] { "new", "tenantmodels", "-n", "Acme", "--no-update-check", "--debug:custom-hive", hive }.Concat(options).ToArray());
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static List<string> Rows(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => System.Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
