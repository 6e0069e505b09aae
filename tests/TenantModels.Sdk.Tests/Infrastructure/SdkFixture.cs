using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>
/// Packs TenantModels.Sdk (with the runner and the templates) fresh once per test run into a private feed, and creates fixture projects that consume it
/// through <c>Sdk="TenantModels.Sdk"</c> exactly as a user's project does: resolved by global.json's msbuild-sdks,
/// restored from a nuget.config feed, into a package folder no earlier run has touched. So no test can pass on a
/// stale package or a stale cache.
/// </summary>
[TestClass]
public static class SdkFixture
{
    private static string? _root;
    private static Dictionary<string, string>? _environment;

    /// <summary>The repository checkout the tests run from (the folder holding TenantModels.sln).</summary>
    public static string RepoRoot => TenantModels.Testing.RepoPaths.Root;

    /// <summary>The SDK package this run packed.</summary>
    public static string SdkPackage { get; private set; } = string.Empty;

    /// <summary>The template package (<c>dotnet new tenantmodels</c>) this run packed.</summary>
    public static string TemplatePackage { get; private set; } = string.Empty;

    /// <summary>The version every TenantModels package has: Directory.Build.props' TenantModelsVersion.</summary>
    public static string ProductVersion =>
        System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props")).Descendants("TenantModelsVersion").Single().Value.Trim();

    /// <summary>The run's private folder: holds the feed, the package cache, global.json and nuget.config.</summary>
    internal static string Root => _root ?? throw new InvalidOperationException("the SDK was not packed: AssemblyInitialize did not run");

    internal static string Feed => Path.Combine(Root, "feed");

    internal static IReadOnlyDictionary<string, string> Environment => _environment!;

    [AssemblyInitialize]
    public static void PackSdk(TestContext context)
    {
        _ = context;
        _root = Path.Combine(Path.GetTempPath(), "tm-sdk-tests-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(_root, "feed");
        var packages = Path.Combine(_root, "packages");
        Directory.CreateDirectory(feed);
        Directory.CreateDirectory(packages);

        var project = Path.Combine(RepoRoot, "sdk", "TenantModels.Sdk", "TenantModels.Sdk.csproj");
        var packables = new[]
        {
            project,
            Path.Combine(RepoRoot, "src", "TenantModels.Runner", "TenantModels.Runner.csproj"),
            Path.Combine(RepoRoot, "src", "TenantModels.Templates", "TenantModels.Templates.csproj"),
        };
        foreach (var packable in packables)
        {
            var pack = DotnetCli.Run(RepoRoot, new Dictionary<string, string>(),
                "pack", packable, "-c", "Release", "-o", feed, "-nodeReuse:false", "--disable-build-servers", "-tl:off");
            if (!pack.Succeeded)
            {
                throw new InvalidOperationException($"packing {Path.GetFileNameWithoutExtension(packable)} failed:\n{pack.Output}");
            }
        }

        SdkPackage = Directory.EnumerateFiles(feed, "TenantModels.Sdk.*.nupkg").Single();
        TemplatePackage = Directory.EnumerateFiles(feed, "TenantModels.Templates.*.nupkg").Single();

        // The repository's global.json: same .NET SDK pin and the msbuild-sdks version users get.
        File.Copy(Path.Combine(RepoRoot, "global.json"), Path.Combine(_root, "global.json"));
        File.WriteAllText(Path.Combine(_root, "nuget.config"), TenantModels.Testing.PackedSdkFeed.NugetConfig(feed));
        // Stop MSBuild's upward search here: nothing from the temp folder's parents may leak into fixtures.
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_root, "Directory.Build.targets"), "<Project />\n");

        _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };

        // Resolve the SDK once before tests build in parallel, so no two builds race to extract the same package.
        var warmUp = CopySample("CallAnalytics", "warm-up");
        var restore = DotnetCli.Run(warmUp.Directory, _environment, "restore", "-nodeReuse:false", "--disable-build-servers", "-tl:off");
        if (!restore.Succeeded)
        {
            throw new InvalidOperationException($"restoring a project that uses the packed SDK failed:\n{restore.Output}");
        }
    }

    [AssemblyCleanup]
    public static void DeleteRoot()
    {
        // The PostgreSQL tests of this assembly share one server; stop it while the test host is alive.
        TenantModels.Testing.SharedPostgres.Stop();
        if (_root is not null && Directory.Exists(_root))
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail the run.
            }
        }
    }

    /// <summary>
    /// A fresh copy of <c>samples/&lt;sample&gt;</c> (without bin/obj) in its own folder, as a user's project: a model
    /// project names <c>Sdk="TenantModels.Sdk"</c> instead of importing the SDK from source as the samples do.
    /// </summary>
    internal static ModelProject CopySample(string sample, string caseName)
    {
        var source = Path.Combine(RepoRoot, "samples", sample);
        var target = Path.Combine(Root, caseName, sample);
        CopyDirectory(source, target);
        var projectFile = Path.Combine(target, sample + ".csproj");
        if (File.ReadAllText(projectFile).Contains("../Sdk/Sdk.props", StringComparison.Ordinal))
        {
            PackageConsumerProject.Convert(projectFile);
        }

        return new ModelProject(target, _environment!);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj"))
            {
                CopyDirectory(dir, Path.Combine(target, name));
            }
        }
    }
}
