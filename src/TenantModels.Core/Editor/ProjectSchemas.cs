using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Editor;

/// <summary>
/// Writes the project-specific editor schemas (docs/editors.md) into a folder: one per kind of definition file, each
/// extending the generic schema one folder up with the names the project defines.
/// </summary>
public static class ProjectSchemas
{
    /// <summary>The folder, inside the folder of the generic schemas, that holds the project schemas.</summary>
    public const string FolderName = "project";

    /// <summary>Touched after every write; the build uses it to know the project schemas are its own, not the SDK's placeholders.</summary>
    public const string StampFileName = "written-by-build.stamp";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Readable text in the file (<tenant>, quotes); the schemas are read by editors, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema files' names and texts for <paramref name="names"/>, in a fixed order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Render(ProjectNames names) => new[]
    {
        Entry("tenantmodels.schema.json", ProjectSchemaBuilder.Settings(names)),
        Entry("tenants.schema.json", ProjectSchemaBuilder.Tenants(names)),
        Entry("source.schema.json", ProjectSchemaBuilder.Source(names)),
        Entry("model.schema.json", ProjectSchemaBuilder.Model(names)),
    };

    /// <summary>
    /// Parses <paramref name="files"/> (diagnostics are the compiler's to report, not this step's) and writes the
    /// project schemas to <paramref name="directory"/>. A file whose text is unchanged is left alone, so an editor
    /// watching it does not reload it for nothing.
    /// </summary>
    public static void Write(IReadOnlyList<DefinitionFile> files, string directory) =>
        Write(DefinitionParser.Parse(files, new DiagnosticBag()), directory);

    /// <summary>Writes the project schemas from definitions already parsed (the build's compile parsed them).</summary>
    public static void Write(Syntax.ProjectSyntax syntax, string directory)
    {
        var names = ProjectNames.From(syntax);
        Directory.CreateDirectory(directory);
        foreach (var file in Render(names))
        {
            UnchangedFiles.WriteIfChanged(Path.Combine(directory, file.Key), file.Value);
        }

        File.WriteAllText(Path.Combine(directory, StampFileName), string.Empty);
    }

    private static KeyValuePair<string, string> Entry(string fileName, JsonObject schema) =>
        // The same bytes on every OS: the writer's line break is the platform's.
        new(fileName, schema.ToJsonString(Json).Replace("\r\n", "\n") + "\n");
}
