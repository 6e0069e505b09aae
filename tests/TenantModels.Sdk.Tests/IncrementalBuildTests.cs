using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>CompileTenantModels re-runs exactly when its result could differ, and its output does not depend on when or where it ran.</summary>
[TestClass]
public sealed class IncrementalBuildTests
{
    private const string Target = "CompileTenantModels";

    [TestMethod]
    public void SecondBuildSkipsTheCompilerAndBundlesAreByteIdenticalAcrossCopies()
    {
        var project = SdkFixture.CopySample("CallAnalytics", "incremental-first");
        var first = project.Build();
        Assert.IsTrue(first.Succeeded, first.ToString());
        Assert.IsTrue(first.Ran(Target), "the first build did not run the compiler");
        var bundle = project.ReadBundle();
        var written = File.GetLastWriteTimeUtc(project.ManifestPath);

        var second = project.Build();

        Assert.IsTrue(second.Succeeded, second.ToString());
        Assert.IsTrue(second.Skipped(Target), "nothing changed, yet the compiler ran again");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(project.ManifestPath), "the manifest was rewritten");
        AssertSameBundle(bundle, project.ReadBundle());

        // A real second run, in another folder: same bytes, so nothing time- or path-dependent leaks in.
        var elsewhere = SdkFixture.CopySample("CallAnalytics", "incremental-elsewhere");
        var third = elsewhere.Build();
        Assert.IsTrue(third.Succeeded, third.ToString());
        Assert.IsTrue(third.Ran(Target));
        AssertSameBundle(bundle, elsewhere.ReadBundle());

        var clean = project.Clean();
        Assert.IsTrue(clean.Succeeded, clean.Output);
        Assert.IsFalse(Directory.Exists(project.BundleDirectory), "dotnet clean left the bundle behind");
    }

    [TestMethod]
    public void EditingOrDeletingAModelRerunsTheCompiler()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(EditingOrDeletingAModelRerunsTheCompiler));
        var call = project.Read("models/call.yaml");
        project.Write("models/call_copy.yaml", call.Replace("model: call\n", "model: call_copy\n"));
        var first = project.Build();
        Assert.IsTrue(first.Succeeded, first.ToString());
        StringAssert.Contains(File.ReadAllText(project.ManifestPath), "call_copy", "the extra model is not in the bundle");
        var written = File.GetLastWriteTimeUtc(project.ManifestPath);

        // Rename a column everywhere in call.yaml: the staging SQL must follow.
        project.Write("models/call.yaml", Regex.Replace(call, @"^(\s+)user_id:", "$1owner_user_id:", RegexOptions.Multiline));
        var edited = project.Build();

        Assert.IsTrue(edited.Succeeded, edited.ToString());
        Assert.IsTrue(edited.Ran(Target), "editing a model did not re-run the compiler");
        Assert.AreNotEqual(written, File.GetLastWriteTimeUtc(project.ManifestPath));
        Assert.IsTrue(project.ReadBundle().Any(f => f.Key.EndsWith(".sql", StringComparison.Ordinal)
            && Encoding.UTF8.GetString(f.Value).Contains("owner_user_id", StringComparison.Ordinal)),
            "the renamed column is in no SQL file");

        // Every remaining input is older than the manifest: only the stamp of definition paths can notice this.
        File.Delete(project.PathOf("models/call_copy.yaml"));
        var deleted = project.Build();

        Assert.IsTrue(deleted.Succeeded, deleted.ToString());
        Assert.IsTrue(deleted.Ran(Target), "deleting a model did not re-run the compiler");
        Assert.IsFalse(File.ReadAllText(project.ManifestPath).Contains("call_copy", StringComparison.Ordinal),
            "the deleted model is still in the bundle");
    }

    /// <summary>
    /// The registry is data the generated code reads at run time: a tenant edit re-runs the TenantModels compiler, not the C#
    /// compiler (csc would compile every model's code again), and the edit reaches the output; declaring an attribute
    /// changes the generated C#, so that does compile again.
    /// </summary>
    [TestMethod]
    public void EditingATenant_SkipsTheCSharpCompiler_AndTheRegistryFileFollows()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(EditingATenant_SkipsTheCSharpCompiler_AndTheRegistryFileFollows));
        var first = project.Build();
        Assert.IsTrue(first.Succeeded, first.ToString());
        Assert.IsTrue(first.Ran("CoreCompile"), "the first build did not compile C#");
        var registry = Path.Combine(project.OutputDirectory, "CallAnalytics.tenants.registry");
        StringAssert.Contains(File.ReadAllText(registry), "org_acme_k3x9|Acme|1|outreach|");
        var deployScript = Path.Combine(project.BundleDirectory, "deploy.sql");
        var deployWritten = File.GetLastWriteTimeUtc(deployScript);

        RenameATenant_CompilesNoCSharp(project, "tenants.yaml", registry);
        StringAssert.Contains(File.ReadAllText(project.ManifestPath), "Acme Renamed");
        // A name is not in deploy.sql: the build keeps the file it wrote before (at 10,000 tenants, 100 MB not rewritten).
        Assert.AreEqual(deployWritten, File.GetLastWriteTimeUtc(deployScript), "a tenant's new name rewrote deploy.sql");
        Assert.AreEqual(TenantModels.Core.Bundling.BundleDirectory.Read(project.BundleDirectory).Manifest.DeployChecksum,
            TenantModels.Core.Bundling.Checksums.OfFile(deployScript), "the kept deploy.sql must match the new manifest");

        project.Write("tenants.yaml", "attributes:\n  region: text\n" + project.Read("tenants.yaml"));
        var declared = project.Build();

        Assert.IsTrue(declared.Succeeded, declared.ToString());
        Assert.IsTrue(declared.Ran("CoreCompile"), "declaring an attribute did not compile the C# again");
        StringAssert.StartsWith(File.ReadAllText(registry), "tenantmodels-registry/1|id|name|enabled|sources|priority|tier|database|region\n");
    }

    /// <summary>A registry shared by several projects, linked in (<c>Link="tenants.yaml"</c>): a tenant edit still compiles no C#.</summary>
    [TestMethod]
    public void WithALinkedRegistry_EditingATenant_SkipsTheCSharpCompiler()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(WithALinkedRegistry_EditingATenant_SkipsTheCSharpCompiler));
        Directory.CreateDirectory(project.PathOf("shared"));
        File.Move(project.PathOf("tenants.yaml"), project.PathOf("shared/tenants.yaml"));
        project.Write("CallAnalytics.csproj", project.Read("CallAnalytics.csproj")
            .Replace("</Project>", "  <ItemGroup>\n    <TenantModelsDefinition Include=\"shared/tenants.yaml\" Link=\"tenants.yaml\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        var first = project.Build();
        Assert.IsTrue(first.Succeeded, first.ToString());
        var registry = Path.Combine(project.OutputDirectory, "CallAnalytics.tenants.registry");
        StringAssert.Contains(File.ReadAllText(registry), "org_acme_k3x9|Acme|1|outreach|");

        RenameATenant_CompilesNoCSharp(project, "shared/tenants.yaml", registry);
    }

    /// <summary>
    /// Renames the tenant Acme in <paramref name="registryFile"/> and builds: the TenantModels compiler runs again, the C#
    /// compiler does not, and <paramref name="registry"/> (the output's registry file) has the new name.
    /// </summary>
    private static void RenameATenant_CompilesNoCSharp(ModelProject project, string registryFile, string registry)
    {
        project.Write(registryFile, project.Read(registryFile).Replace("    name: Acme\n", "    name: Acme Renamed\n", StringComparison.Ordinal));
        var renamed = project.Build();

        Assert.IsTrue(renamed.Succeeded, renamed.ToString());
        Assert.IsTrue(renamed.Ran(Target), "a tenant edit did not re-run the TenantModels compiler");
        Assert.IsTrue(renamed.Skipped("CoreCompile"), $"a tenant edit in {registryFile} compiled the C# again");
        StringAssert.Contains(File.ReadAllText(registry), "org_acme_k3x9|Acme Renamed|1|outreach|", "the output's registry file missed the edit");
    }

    /// <summary>TenantModelsRegistryInCode=true: the tenants are in the generated code, so no registry file, and a tenant edit compiles C# again.</summary>
    [TestMethod]
    public void WithTheRegistryInCode_NoRegistryFileIsWritten_AndATenantEditCompiles()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(WithTheRegistryInCode_NoRegistryFileIsWritten_AndATenantEditCompiles));
        project.Write("CallAnalytics.csproj", project.Read("CallAnalytics.csproj")
            .Replace("<Version>1.0.0</Version>", "<Version>1.0.0</Version>\n    <TenantModelsRegistryInCode>true</TenantModelsRegistryInCode>", StringComparison.Ordinal));
        var first = project.Build();
        Assert.IsTrue(first.Succeeded, first.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(project.OutputDirectory, "CallAnalytics.tenants.registry")), "a registry file was written");

        project.Write("tenants.yaml", project.Read("tenants.yaml").Replace("    name: Acme\n", "    name: Acme Renamed\n", StringComparison.Ordinal));
        var renamed = project.Build();

        Assert.IsTrue(renamed.Succeeded, renamed.ToString());
        Assert.IsTrue(renamed.Ran("CoreCompile"), "with the tenants in the code, a tenant edit must compile C#");
    }

    private static void AssertSameBundle(SortedDictionary<string, byte[]> expected,
        SortedDictionary<string, byte[]> actual)
    {
        CollectionAssert.AreEqual(expected.Keys.ToList(), actual.Keys.ToList(), "different files");
        foreach (var file in expected)
        {
            CollectionAssert.AreEqual(file.Value, actual[file.Key], $"{file.Key} differs");
        }
    }
}
