using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;

namespace TenantModels.Core.Pipeline;

/// <summary>The manifest entries of compiled data tests, each with where it is declared relative to the project folder (the same on every machine).</summary>
internal static class DataTestOrigins
{
    public static IReadOnlyList<BundleDataTest> Manifest(IReadOnlyList<CompiledDataTest> tests, IReadOnlyList<DefinitionFile> files)
    {
        var relative = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var file in files)
        {
            relative[file.Path] = file.RelativePath;
        }

        return tests.Select(t => new BundleDataTest(t.Name, t.Model, t.Column, t.Test, t.Source, t.Artefact, string.Empty, string.Empty,
            string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}", relative.TryGetValue(t.Location.Path, out var r) ? r : t.Location.Path, t.Location.Line, t.Location.Column))).ToList();
    }
}
