using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// A build keeps the previous deploy.sql only when the new one would be the same bytes: a tenant's name changes nothing
/// in it, a tenant's sources do, and a script changed by hand is never kept.
/// </summary>
[TestClass]
public sealed class DeployScriptReuseTests
{
    private string _project = string.Empty;
    private string _bundle = string.Empty;
    private DeployScriptReuse _reuse = null!;

    [TestInitialize]
    public void CopySample()
    {
        var root = Path.Combine(Path.GetTempPath(), "tm-deploy-reuse-" + Guid.NewGuid().ToString("N"));
        _project = Path.Combine(root, "project");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("samples", "CallAnalytics"), "*.yaml", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Combine("samples", "CallAnalytics"), file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_project, relative))!);
            File.Copy(file, Path.Combine(_project, relative));
        }

        _bundle = Path.Combine(root, "bundle");
        _reuse = new DeployScriptReuse(Path.Combine(root, "obj", "deploy.record"));
        Build();
    }

    [TestCleanup]
    public void Delete() => Directory.Delete(Path.GetDirectoryName(_project)!, recursive: true);

    [TestMethod]
    public void RenamingATenant_KeepsDeploySql_AndTheBundleStillVerifies()
    {
        var before = WriteTime();
        Edit("name: Acme\n", "name: Acme Corporation\n");

        var bundle = Build();

        Assert.AreEqual(before, WriteTime(), "deploy.sql was written again though nothing in it changed");
        Assert.AreEqual(FreshDeployScript(bundle), File.ReadAllText(DeployPath()));
        Assert.AreEqual(bundle.Manifest.DeployChecksum, BundleDirectory.Read(_bundle).Manifest.DeployChecksum, "the kept script must verify");
    }

    [TestMethod]
    public void ChangingATenantsSources_WritesDeploySqlAgain()
    {
        var before = File.ReadAllText(DeployPath());
        Edit("name: Acme\n    sources: [outreach]", "name: Acme\n    sources: [outreach, salesloft]");

        var bundle = Build();

        Assert.AreNotEqual(before, File.ReadAllText(DeployPath()));
        Assert.AreEqual(FreshDeployScript(bundle), File.ReadAllText(DeployPath()));
        BundleDirectory.Read(_bundle);
    }

    [TestMethod]
    public void ADeploySqlChangedByHand_IsWrittenAgain()
    {
        File.AppendAllText(DeployPath(), "DROP TABLE everything;\n");
        Edit("name: Acme\n", "name: Acme Corporation\n");

        var bundle = Build();

        Assert.AreEqual(FreshDeployScript(bundle), File.ReadAllText(DeployPath()));
        BundleDirectory.Read(_bundle);
    }

    private Bundle Build()
    {
        var result = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(_project, "CallAnalytics", "1.0.0"));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        BundleDirectory.Write(result.Bundle!, _bundle, _reuse);
        return result.Bundle!;
    }

    private void Edit(string from, string to)
    {
        var path = Path.Combine(_project, "tenants.yaml");
        var text = File.ReadAllText(path);
        StringAssert.Contains(text, from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private string DeployPath() => Path.Combine(_bundle, BundleManifest.DeployScriptFileName);

    private long WriteTime() => File.GetLastWriteTimeUtc(DeployPath()).Ticks;

    private static string FreshDeployScript(Bundle bundle) => bundle.DeployScript;
}
