using System;
using System.IO;

namespace TenantModels.Testing;

/// <summary>Locates the repository from a test's output folder, so tests read samples and write golden files in the source tree.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TenantModels.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find TenantModels.sln above " + AppContext.BaseDirectory);
    }
}
