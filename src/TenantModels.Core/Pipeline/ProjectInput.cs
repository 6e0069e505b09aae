using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TenantModels.Core.Pipeline;

/// <summary>Everything the compiler reads: no file system access happens past this point.</summary>
public sealed record ProjectInput(string ProjectName, string Version, IReadOnlyList<DefinitionFile> Files)
{
    /// <summary>The definition files of a project folder, in the conventional layout, sorted by relative path.</summary>
    public static ProjectInput FromDirectory(string projectDirectory, string projectName, string version)
    {
        var root = Path.GetFullPath(projectDirectory);
        var files = DefinitionFileLayout.Enumerate(root)
            .Select(path => new DefinitionFile(path, Relative(root, path), File.ReadAllText(path)))
            .ToList();
        return new ProjectInput(projectName, version, files);
    }

    public static string Relative(string root, string path)
    {
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(path);
        var relative = full.StartsWith(fullRoot, StringComparison.Ordinal) ? full.Substring(fullRoot.Length) : full;
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
