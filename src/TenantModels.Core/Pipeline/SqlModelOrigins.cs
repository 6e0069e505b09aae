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
/// project folder so the bundle is the same on every machine. Where the <c>sql:</c> body starts (<see cref="BundleArtefact.SqlAt"/>)
/// goes with it, so the error's own line and column can be given.
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

        var sites = new Dictionary<string, (string DefinedAt, string? SqlAt)>(System.StringComparer.Ordinal);
        foreach (var model in project.Models.Where(m => m.Sql is not null && !m.IsFromSources && m.Materialized != Materialization.Table))
        {
            var location = model.Location;
            var path = relative.TryGetValue(location.Path, out var r) ? r : location.Path;
            var body = model.Sql!.BodyAt;
            sites[ModelLocation.ArtefactId(model)] = (
                string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}", path, location.Line, location.Column),
                body is { } at ? string.Format(CultureInfo.InvariantCulture, "{0}:{1}", at.Line, at.Column) : null);
        }

        return artefacts.Select(a => sites.TryGetValue(a.Id, out var site) ? a with { DefinedAt = site.DefinedAt, SqlAt = site.SqlAt } : a).ToList();
    }
}
