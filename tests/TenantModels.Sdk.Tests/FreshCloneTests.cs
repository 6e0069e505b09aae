using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;
using TenantModels.Testing;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// The samples build in a fresh clone with a plain `dotnet build samples/&lt;X&gt;` and no prior step: they import the SDK
/// from source (samples/Sdk), so nothing has to be packed first and no TenantModels package is ever resolved.
/// </summary>
[TestClass]
public sealed class FreshCloneTests
{
    private static readonly ScratchFolder Scratch = new("tm-fresh-clone");

    [ClassCleanup]
    public static void Cleanup() => Scratch.Delete();

    [TestMethod]
    public void Every_sample_builds_from_a_fresh_clone_without_packing()
    {
        var clone = CloneWorkingTree(Scratch.NewPath("clone"));
        // A package folder no run has filled: a TenantModels.Sdk package cached by an earlier pack cannot stand in.
        var packages = Scratch.NewPath("packages");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };

        var samples = Directory.GetDirectories(Path.Combine(clone, "samples"))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
            .Select(d => Path.GetFileName(d))
            .OrderBy(s => s != "CallAnalytics") // the README's sample first: the one a newcomer builds
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.IsTrue(samples.Count >= 6, string.Join(", ", samples));

        foreach (var sample in samples)
        {
            var build = DotnetCli.Run(clone, environment, "build", $"samples/{sample}", "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:m");
            Assert.IsTrue(build.Succeeded, $"dotnet build samples/{sample}:\n{build.Output}");
            // A newcomer's first build is clean: no warning either (a missing local feed folder would be one).
            StringAssert.Contains(build.Output, " 0 Warning(s)", $"dotnet build samples/{sample}:\n{build.Output}");
        }

        foreach (var sample in samples.Where(s => s != "CallAnalyticsApp"))
        {
            Assert.IsTrue(File.Exists(Path.Combine(clone, "samples", sample, "bin", "Debug", "net10.0", "bundle", "manifest.json")), $"{sample} has no bundle");
        }

        Assert.IsFalse(Directory.Exists(Path.Combine(clone, "artifacts")), "something was packed");
        Assert.IsFalse(Directory.Exists(Path.Combine(packages, "tenantmodels.sdk")), "a sample resolved the TenantModels.Sdk package");
    }

    /// <summary>
    /// What `git clone` of the working tree gives once its changes are committed: every file git tracks or would add
    /// (ignored ones such as bin/, obj/ and artifacts/ left out), so uncommitted work is tested too.
    /// </summary>
    private static string CloneWorkingTree(string target)
    {
        var files = Git(SdkFixture.RepoRoot, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var source = Path.Combine(SdkFixture.RepoRoot, file);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree, not yet in the index
            }

            var destination = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }

        return target;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"git {string.Join(" ", arguments)}: {stderr.Result}");
        return stdout.Result;
    }
}
