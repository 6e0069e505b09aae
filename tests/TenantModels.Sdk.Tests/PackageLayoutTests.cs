using System;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>The SDK package carries what MSBuild loads and nothing it must not (its own Microsoft.Build assemblies).</summary>
[TestClass]
public sealed class PackageLayoutTests
{
    [TestMethod]
    public void SdkPackageHoldsPropsTargetsAndTheTaskWithItsDependenciesOnly()
    {
        using var package = ZipFile.OpenRead(SdkFixture.SdkPackage);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        foreach (var expected in new[]
        {
            "Sdk/Sdk.props", "Sdk/Sdk.targets", "tasks/netstandard2.0/TenantModels.Build.dll",
            "tasks/netstandard2.0/TenantModels.Core.dll", "tasks/netstandard2.0/YamlDotNet.dll",
            "tools/runner/tenantmodels.dll", "tools/runner/tenantmodels.runtimeconfig.json", "tools/runner/Npgsql.dll",
            "README.md", "schemas/tenantmodels.schema.json", "schemas/tenants.schema.json", "schemas/source.schema.json", "schemas/model.schema.json",
            "schemas/project/tenantmodels.schema.json", "schemas/project/tenants.schema.json", "schemas/project/source.schema.json", "schemas/project/model.schema.json",
        })
        {
            CollectionAssert.Contains(entries, expected);
        }

        // MSBuild provides these; a second copy in the task folder could be loaded instead and break the host.
        Assert.IsFalse(entries.Any(e => e.Contains("Microsoft.Build", StringComparison.OrdinalIgnoreCase)), string.Join("\n", entries));
        Assert.IsFalse(entries.Any(e => e.StartsWith("lib/", StringComparison.Ordinal)), "an MSBuild SDK package has nothing to reference");
        // Npgsql is the runner's, run out of process: never beside the task, where MSBuild would load it.
        Assert.IsFalse(entries.Any(e => e.StartsWith("tasks/", StringComparison.Ordinal) && e.Contains("Npgsql", StringComparison.Ordinal)), string.Join("\n", entries));

        using var nuspecStream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        Assert.AreEqual("MSBuildSdk", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
        Assert.IsFalse(nuspec.Descendants().Any(e => e.Name.LocalName == "dependency"), "SDK packages are resolved before restore: no dependencies");
        foreach (var element in new[] { "description", "license", "readme", "tags" })
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(nuspec.Descendants().SingleOrDefault(e => e.Name.LocalName == element)?.Value), $"nuspec lacks {element}");
        }
    }

    [TestMethod]
    public void TemplatePackageHoldsTheProjectWithTheVersionFilledIn()
    {
        using var package = ZipFile.OpenRead(SdkFixture.TemplatePackage);
        var content = package.Entries.Where(e => e.FullName.StartsWith("content/tenantmodels/", StringComparison.Ordinal)).ToList();

        foreach (var expected in new[] { ".template.config/template.json", "TenantModelsProject.csproj", "tenants.yaml", "sources/crm.yaml", "models/contact.yaml", "nuget.config" })
        {
            CollectionAssert.Contains(content.Select(e => e.FullName).ToList(), "content/tenantmodels/" + expected);
        }

        // Packing fills in the version: no placeholder is left, and the project names the SDK packed with it.
        foreach (var entry in content)
        {
            using var reader = new System.IO.StreamReader(entry.Open());
            Assert.IsFalse(reader.ReadToEnd().Contains("TENANTMODELS_VERSION", StringComparison.Ordinal), entry.FullName);
        }

        using (var project = new System.IO.StreamReader(content.Single(e => e.FullName.EndsWith(".csproj", StringComparison.Ordinal)).Open()))
        {
            StringAssert.StartsWith(project.ReadToEnd(), $"<Project Sdk=\"TenantModels.Sdk/{SdkFixture.ProductVersion}\">");
        }

        using var nuspecStream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        Assert.AreEqual("Template", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
        Assert.AreEqual(SdkFixture.ProductVersion, nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value);
        Assert.IsFalse(package.Entries.Any(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal)), "a template package has nothing to reference");
    }
}
