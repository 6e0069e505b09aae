using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// <c>dotnet build</c> with nothing changed: a model project (the scale scenario on the freshly packed SDK) against a plain
/// class library, alternated in one run, median of several. A private feed and package cache keep the machine-wide
/// NuGet cache untouched; no build servers, so no run leaves a node behind or inherits a warm one from another.
/// </summary>
internal static class BuildMeasurement
{
    internal static readonly string[] NoServers = { "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:q" };

    public static IReadOnlyList<Figure> Measure(string root, int tenants, int models, int repetitions)
    {
        var folder = Path.Combine(root, "build");
        var feed = Path.Combine(folder, "feed");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, ".nuget"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        // Packing restores only the SDK's own build dependencies (never a TenantModels.* package): the usual cache is fine.
        Child.Run("dotnet", new[] { "pack", RepoPaths.Combine("sdk", "TenantModels.Sdk", "TenantModels.Sdk.csproj"), "-c", "Release", "-o", feed }.Concat(NoServers));
        WriteIsolation(folder, feed);

        var model = ScaleScenario.Write(Path.Combine(folder, "model"), tenants, models);
        File.WriteAllText(Path.Combine(model, "Scale.csproj"), "<Project Sdk=\"TenantModels.Sdk\">\n  <PropertyGroup>\n    <Version>1.0.0</Version>\n  </PropertyGroup>\n</Project>\n");
        var library = Path.Combine(folder, "library");
        Directory.CreateDirectory(library);
        File.WriteAllText(Path.Combine(library, "Library.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(library, "Class1.cs"), "namespace Library;\n\npublic static class Class1\n{\n    public static int Answer => 42;\n}\n");

        // The first builds restore and compile everything; only the second and later ones have nothing to do.
        Build(model, environment);
        Build(library, environment);
        var manifest = Directory.EnumerateFiles(Path.Combine(model, "bin"), "manifest.json", SearchOption.AllDirectories).Single();
        var compiledAt = File.GetLastWriteTimeUtc(manifest);

        var modelTimes = new List<double>();
        var libraryTimes = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            modelTimes.Add(Build(model, environment));
            libraryTimes.Add(Build(library, environment));
        }

        if (File.GetLastWriteTimeUtc(manifest) != compiledAt)
        {
            throw new InvalidOperationException("a build with nothing changed rewrote the bundle: CompileTenantModels is not incremental");
        }

        var modelMedian = Median(modelTimes);
        var libraryMedian = Median(libraryTimes);
        var shape = FormattableString.Invariant($"{tenants:N0} tenants × {models} models");
        return new[]
        {
            new Figure("dotnet build, nothing changed", "plain class library", FormattableString.Invariant($"median of {repetitions}"), Seconds(libraryMedian)),
            new Figure("dotnet build, nothing changed", "model project, " + shape, FormattableString.Invariant($"median of {repetitions}"),
                Seconds(modelMedian) + FormattableString.Invariant($" = {modelMedian / libraryMedian:F2}× the class library (target ≤ 1.10×)")),
        };
    }

    private static double Build(string project, IReadOnlyDictionary<string, string> environment)
    {
        var clock = Stopwatch.StartNew();
        Child.Run("dotnet", new[] { "build", "-c", "Release" }.Concat(NoServers), environment, project);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The repository's global.json (its msbuild-sdks pin), a feed with the packed SDK, and nothing inherited from parent folders.</summary>
    internal static void WriteIsolation(string folder, string feed)
    {
        File.Copy(RepoPaths.Combine("global.json"), Path.Combine(folder, "global.json"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), PackedSdkFeed.NugetConfig(feed));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Seconds(double ms) => FormattableString.Invariant($"{ms / 1000:F2} s");
}
