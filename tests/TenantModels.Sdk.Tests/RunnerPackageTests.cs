using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// The runner as <c>dotnet tool install</c> gives it to a user on this machine: the package of this machine's runtime
/// identifier, compiled ahead of time (ReadyToRun), so a command starts without JIT-compiling the runner, Npgsql and the
/// core library first (docs/performance.md, runner start-up).
/// </summary>
[TestClass]
public sealed class RunnerPackageTests
{
    [TestMethod]
    public void InstalledRunner_IsThisPlatformsReadyToRunPackage()
    {
        var version = RunnerTool.Run(new Dictionary<string, string>(), "--version");
        Assert.AreEqual(0, version.ExitCode, version.Output);
        StringAssert.StartsWith(version.Output, SdkFixture.ProductVersion);

        // .store/tenantmodels.runner/<version>/<package>/<version>/tools/<tfm>/<rid>/tenantmodels.dll
        var store = Path.Combine(RunnerTool.ToolPath, ".store");
        var runner = Directory.EnumerateFiles(store, "tenantmodels.dll", SearchOption.AllDirectories).Single();
        var folder = Path.GetDirectoryName(runner)!;
        Assert.AreEqual(RuntimeInformation.RuntimeIdentifier, Path.GetFileName(folder), "installed: " + runner);

        foreach (var assembly in new[] { "tenantmodels.dll", "TenantModels.Core.dll", "Npgsql.dll" })
        {
            Assert.IsTrue(IsReadyToRun(Path.Combine(folder, assembly)), $"{assembly} of the installed runner is IL only ({folder})");
        }

        // Framework-dependent: the package relies on the installed .NET runtime instead of carrying one.
        Assert.IsFalse(File.Exists(Path.Combine(folder, "System.Private.CoreLib.dll")), "the runner package must not be self-contained");
        StringAssert.Contains(File.ReadAllText(Path.Combine(folder, "tenantmodels.runtimeconfig.json")), "\"framework\"");
    }

    /// <summary>A ReadyToRun image carries native code for its methods, found through the CLI header's ManagedNativeHeader.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        var header = reader.PEHeaders.CorHeader ?? throw new InvalidOperationException(assembly + " is not a .NET assembly");
        return header.ManagedNativeHeaderDirectory.Size > 0;
    }
}
