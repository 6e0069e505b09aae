using System;
using System.IO;

namespace TenantModels.Testing;

/// <summary>The repository checkout the tests run from, found by walking up to TenantModels.sln (tests run from bin/).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TenantModels.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TenantModels.sln not found above {AppContext.BaseDirectory}");
    }
}
