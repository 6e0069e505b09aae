using System;
using System.IO;

namespace TenantModels.Testing;

/// <summary>One temp folder for a test class's scratch paths, so one call at class cleanup removes them all.</summary>
public sealed class ScratchFolder
{
    /// <param name="prefix">Names the folder in the temp directory (e.g. <c>tm-archive</c>), so a leftover says where it came from.</param>
    public ScratchFolder(string prefix) => Root = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));

    public string Root { get; }

    /// <summary>A fresh, not yet created path under the folder: a unique subfolder, then <paramref name="name"/> if given.</summary>
    public string NewPath(string? name = null)
    {
        var unique = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        return name is null ? unique : Path.Combine(unique, name);
    }

    public void Delete()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
