using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests;

/// <summary>Compiles a case folder with project-relative paths, so expected diagnostics do not depend on where the repo lives.</summary>
internal static class CaseCompiler
{
    public static CompileResult Compile(string directory)
    {
        // Every YAML (and seed CSV) file of the case (not only the conventional layout), as the SDK's item globs may pass any.
        // A gzipped one (x.yaml.gz) stands for the file it holds, so a case can go past the file-size limit in a few KB.
        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Select(p => ProjectInput.Relative(directory, p))
            .Where(r => !r.StartsWith("expected/", System.StringComparison.Ordinal))
            .Select(r => (Stored: r, Relative: r.EndsWith(Gzipped, System.StringComparison.Ordinal) ? r.Substring(0, r.Length - Gzipped.Length) : r))
            .Where(f => f.Relative.EndsWith(".yaml", System.StringComparison.Ordinal) || f.Relative.EndsWith(".yml", System.StringComparison.Ordinal) || f.Relative.EndsWith(".csv", System.StringComparison.Ordinal))
            .OrderBy(f => f.Relative, System.StringComparer.Ordinal)
            .Select(f => new DefinitionFile(f.Relative, f.Relative, Read(Path.Combine(directory, f.Stored))))
            .ToList();
        return ModelProjectCompiler.Compile(new ProjectInput(Path.GetFileName(directory), "1.0.0", files));
    }

    private const string Gzipped = ".gz";

    private static string Read(string path)
    {
        if (!path.EndsWith(Gzipped, System.StringComparison.Ordinal))
        {
            return File.ReadAllText(path);
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd();
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => d + "\n"));
}
