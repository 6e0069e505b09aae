using System;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>A model's page data (<c>data/models/&lt;name&gt;.js</c>): descriptions, columns, artefacts with their SQL templates, seeds, data tests, grants.</summary>
internal static class ModelData
{
    public static void Write(string path, Bundle bundle, DocumentedModel model, SecurityMatrix security)
    {
        var objects = model.Artefacts.Select(a => a.Object).ToList();
        ScriptFile.Write(path, "TM.loaded(" + ScriptFile.Literal("model:" + model.Name) + ", ", ");", w =>
        {
            w.WriteStartObject();
            w.WriteString("name", model.Name);
            w.WriteString("kind", model.Kind);
            var described = bundle.Manifest.Descriptions?.FirstOrDefault(d => d.Model == model.Name);
            ScriptFile.WriteNullable(w, "description", described?.Description);
            ScriptFile.WriteStrings(w, "sources", model.Sources);
            w.WriteStartArray("columns");
            foreach (var column in model.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", column.Name);
                w.WriteString("type", column.Type);
                w.WriteString("detail", column.Detail);
                ScriptFile.WriteNullable(w, "description", described?.Columns.FirstOrDefault(c => c.Key == column.Name).Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("artefacts");
            foreach (var artefact in model.Artefacts)
            {
                w.WriteStartObject();
                w.WriteString("id", artefact.Id);
                w.WriteString("kind", ArtefactKindName(artefact.Kind));
                w.WriteString("scope", LineageGraph.ScopeName(artefact.Scope));
                ScriptFile.WriteNullable(w, "source", artefact.Source);
                w.WriteString("object", artefact.Object);
                ScriptFile.WriteStrings(w, "dependsOn", artefact.DependsOn);
                ScriptFile.WriteNullable(w, "definedAt", artefact.DefinedAt);
                ScriptFile.WriteNullable(w, "seedColumns", artefact.Seed is null ? null : string.Join(", ", artefact.Seed.Columns));
                // A global artefact runs as written; a tenant or union one is a template, shown expanded on the tenant's page.
                w.WriteString("sql", bundle.SqlOf(artefact));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tests");
            foreach (var test in bundle.Manifest.DataTests?.Where(t => t.Model == model.Name) ?? Enumerable.Empty<BundleDataTest>())
            {
                w.WriteStartObject();
                w.WriteString("name", test.Name);
                w.WriteString("test", test.Test);
                ScriptFile.WriteNullable(w, "column", test.Column);
                ScriptFile.WriteNullable(w, "source", test.Source);
                ScriptFile.WriteNullable(w, "definedAt", test.DefinedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("grants");
            foreach (var entry in security.Entries.Where(e => objects.Contains(e.Object, StringComparer.Ordinal)))
            {
                SecurityJson.WriteEntry(w, entry);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    internal static string ArtefactKindName(ArtefactKind kind) => kind switch
    {
        ArtefactKind.MaterializedView => "materialized_view",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
