using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>The SDK's own checks: misconfiguration gets an actionable error instead of an empty bundle.</summary>
[TestClass]
public sealed class SdkValidationTests
{
    [TestMethod]
    public void OptingOutOfDefaultItemsWithoutListingDefinitionsFailsWithTM0002()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(OptingOutOfDefaultItemsWithoutListingDefinitionsFailsWithTM0002));
        var csproj = project.Read("CallAnalytics.csproj")
            .Replace("</PropertyGroup>", "  <EnableDefaultTenantModelsItems>false</EnableDefaultTenantModelsItems>\n  </PropertyGroup>");
        project.Write("CallAnalytics.csproj", csproj);

        var build = project.Build();

        Assert.IsFalse(build.Succeeded, "a project without definitions built");
        StringAssert.Contains(build.ConsoleOutput, "error TM0002: No TenantModels definition files");
        Assert.IsFalse(Directory.Exists(project.BundleDirectory), "a bundle was written without definitions");
    }
}
