using System;
using System.IO;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// The compile task's code comes precompiled (ReadyToRun) for linux-x64, so a build there does not JIT the compiler
/// first; everywhere else the netstandard2.0 copies run. Both sets are in the package; the build picks one.
/// </summary>
[TestClass]
public sealed class ReadyToRunTaskTests
{
    private static readonly string[] TaskAssemblies = { "TenantModels.Build.dll", "TenantModels.Core.dll", "YamlDotNet.dll" };

    [TestMethod]
    public void ThePackageCarriesPrecompiledTasksForLinuxX64_BesideThePortableOnes()
    {
        using var package = ZipFile.OpenRead(SdkFixture.SdkPackage);
        foreach (var assembly in TaskAssemblies)
        {
            Assert.IsTrue(IsReadyToRun(package, "tasks/net10.0-linux-x64/" + assembly), assembly + " for linux-x64 is not ReadyToRun");
            Assert.IsFalse(IsReadyToRun(package, "tasks/netstandard2.0/" + assembly), assembly + " for netstandard2.0 must stay portable IL");
        }
    }

    [TestMethod]
    public void ABuildOnLinuxX64_RunsThePrecompiledTask()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(ABuildOnLinuxX64_RunsThePrecompiledTask));
        var build = project.Build();
        Assert.IsTrue(build.Succeeded, build.ConsoleOutput);

        var tasks = project.Dotnet("msbuild", "-getProperty:_TenantModelsTasksFullPath");
        Assert.AreEqual(0, tasks.ExitCode, tasks.Output);
        var expected = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64
            ? "tasks/net10.0-linux-x64/TenantModels.Build.dll"
            : "tasks/netstandard2.0/TenantModels.Build.dll";
        StringAssert.EndsWith(tasks.Output.Trim().Replace('\\', '/'), expected);
    }

    private static bool IsReadyToRun(ZipArchive package, string entry)
    {
        var zipped = package.GetEntry(entry);
        Assert.IsNotNull(zipped, entry + " is not in the package");
        using var bytes = new MemoryStream();
        using (var stream = zipped.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var reader = new PEReader(bytes);
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}
