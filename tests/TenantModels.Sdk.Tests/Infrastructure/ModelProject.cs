using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>A throwaway copy of a model project under the fixture root, built with the freshly packed SDK.</summary>
internal sealed class ModelProject
{
    private int _builds;

    public ModelProject(string directory, IReadOnlyDictionary<string, string> environment)
    {
        Directory = directory;
        Environment = environment;
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public string OutputDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0");

    public string BundleDirectory => Path.Combine(OutputDirectory, "bundle");

    public string ManifestPath => Path.Combine(BundleDirectory, "manifest.json");

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public void Write(string relativePath, string text) => File.WriteAllText(PathOf(relativePath), text);

    /// <summary>
    /// A plain <c>dotnet build</c>. The console stays at minimal verbosity (what a user sees); a detailed file
    /// log without the summary records each event exactly once, which is what "reported once" is checked on.
    /// </summary>
    public BuildResult Build()
    {
        var log = Path.Combine(Directory, $"build-{Interlocked.Increment(ref _builds)}.log");
        var result = DotnetCli.Run(Directory, Environment,
            "build", "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:m",
            $"-flp:v=d;logfile={log};NoSummary;Encoding=UTF-8");
        var detailed = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
        return new BuildResult(result.ExitCode, result.Output, detailed);
    }

    /// <summary>Any other dotnet verb (publish, pack) with the same isolation as <see cref="Build"/>.</summary>
    public ProcessResult Dotnet(params string[] arguments) =>
        DotnetCli.Run(Directory, Environment, arguments.Concat(new[] { "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:m" }).ToArray());

    public ProcessResult Clean() =>
        DotnetCli.Run(Directory, Environment, "clean", "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:m");

    /// <summary>Every file of the bundle by bundle-relative path, to compare two builds byte for byte.</summary>
    public SortedDictionary<string, byte[]> ReadBundle() => new(
        System.IO.Directory.EnumerateFiles(BundleDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(BundleDirectory, p).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    /// <summary>BundleDirectory.Write stages into <c>bundle.tmp-*</c>; none may survive a build.</summary>
    public IReadOnlyList<string> LeftoverStagingFolders() =>
        System.IO.Directory.Exists(OutputDirectory)
            ? System.IO.Directory.EnumerateDirectories(OutputDirectory, "bundle.tmp-*").ToList()
            : Array.Empty<string>();
}
