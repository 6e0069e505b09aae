using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Tests;

/// <summary>What the deploy.sql input key leaves out must really never reach deploy.sql, in every compiler case.</summary>
[TestClass]
public sealed class DeployScriptInputKeyTests
{
    public static System.Collections.Generic.IEnumerable<object[]> CompilingCases() => CaseDeploymentTests.CompilingCases();

    [TestMethod]
    [DynamicData(nameof(CompilingCases))]
    public void EveryFieldTheKeyLeavesOut_LeavesDeploySqlUnchanged(string name)
    {
        var bundle = CaseCompiler.Compile(Path.Combine(CompilerCaseTests.CasesDirectory, name)).Bundle!;
        var manifest = bundle.Manifest;
        var changed = manifest with
        {
            ContentHash = "sha256:" + new string('0', 64),
            Tenants = manifest.Tenants.Select(t => t with { Name = t.Name + " renamed", Priority = t.Priority + 7, Tier = "other", Attributes = null }).ToList(),
            Attributes = null,
            Waves = null,
            DataTests = null,
            Descriptions = null,
            Schedules = null,
            ScheduleTenants = null,
        };

        Assert.AreEqual(DeployScript.ToText(manifest, bundle.SqlOf), DeployScript.ToText(changed, bundle.SqlOf));
        Assert.AreEqual(DeployScript.InputKey(manifest), DeployScript.InputKey(changed));
        if (manifest.Tenants.Count > 0)
        {
            Assert.AreNotEqual(DeployScript.InputKey(manifest), DeployScript.InputKey(manifest with { Tenants = manifest.Tenants.Skip(1).ToList() }),
                "the key must follow the tenants the script is written for");
        }
    }
}
