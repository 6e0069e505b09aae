using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;

namespace TenantModels.Core.Pipeline;

/// <summary>
/// Marks the artefacts of SQL models with where the model is defined (<see cref="BundleArtefact.DefinedAt"/>): their SQL is
/// the user's, so only a database can reject it, and the error must lead back to the YAML. Paths are relative to the
/// project folder so the bundle is the same on every machine.
/// </summary>
internal static class SqlModelOrigins
{
    public static IReadOnlyList<CompiledArtefact> Attach(BoundProject project, IReadOnlyList<DefinitionFile> files, IReadOnlyList<CompiledArtefact> artefacts)
    {
        var relative = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var file in files)
        {
            relative[file.Path] = file.RelativePath;
        }

        var sites = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var model in project.Models.Where(m => m.Sql is not null && !m.IsFromSources && m.Materialized != Materialization.Table))
        {
            var location = model.Location;
            var path = relative.TryGetValue(location.Path, out var r) ? r : location.Path;
            sites[ModelLocation.ArtefactId(model)] = string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}", path, location.Line, location.Column);
        }

        return artefacts.Select(a => sites.TryGetValue(a.Id, out var site) ? a with { DefinedAt = site } : a).ToList();
    }
}
