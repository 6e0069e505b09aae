using System.Collections.Generic;
using System.IO;
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
        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yaml", System.StringComparison.Ordinal) || p.EndsWith(".yml", System.StringComparison.Ordinal) || p.EndsWith(".csv", System.StringComparison.Ordinal))
            .Select(p => ProjectInput.Relative(directory, p))
            .Where(r => !r.StartsWith("expected/", System.StringComparison.Ordinal))
            .OrderBy(r => r, System.StringComparer.Ordinal)
            .Select(r => new DefinitionFile(r, r, File.ReadAllText(Path.Combine(directory, r))))
            .ToList();
        return ModelProjectCompiler.Compile(new ProjectInput(Path.GetFileName(directory), "1.0.0", files));
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => d + "\n"));
}
