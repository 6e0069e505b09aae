using System.Linq;
using System.Text;
using System.Text.Json;
using TenantModels.Core.Planning;

namespace TenantModels.Core.Bundling;

/// <summary>
/// A <see cref="TableDefinition"/> as one line of JSON: in the manifest (an artefact's <c>table</c>) and in the
/// deployment record (a table's definition). Written by hand, like the manifest, so the build never loads System.Text.Json.
/// </summary>
public static class TableDefinitionJson
{
    public static string Write(TableDefinition table)
    {
        var json = new StringBuilder();
        Write(json, table);
        return json.ToString();
    }

    public static void Write(StringBuilder json, TableDefinition table)
    {
        json.Append("{ \"columns\": [");
        json.Append(string.Join(", ", table.Columns.Select(c =>
            "{ \"name\": " + ManifestJson.Str(c.Name) + ", \"type\": " + ManifestJson.Str(c.Type)
            + ", \"identity\": " + (c.Identity ? "true" : "false") + ", \"notNull\": " + (c.NotNull ? "true" : "false")
            + ", \"default\": " + (c.Default is null ? "null" : ManifestJson.Str(c.Default)) + " }").ToArray()));
        json.Append("], \"constraints\": [");
        json.Append(string.Join(", ", table.Constraints.Select(c => "{ \"name\": " + ManifestJson.Str(c.Name) + ", \"body\": " + ManifestJson.Str(c.Body) + " }").ToArray()));
        json.Append("], \"indexes\": [");
        json.Append(string.Join(", ", table.Indexes.Select(i => "{ \"name\": " + ManifestJson.Str(i.Name) + ", \"statement\": " + ManifestJson.Str(i.Statement) + " }").ToArray()));
        json.Append("], \"partitioning\": ").Append(table.Partitioning is null ? "null" : ManifestJson.Str(table.Partitioning)).Append(" }");
    }

    /// <summary>Whether a recorded definition is this JSON (records before it hold the table's CREATE TABLE text).</summary>
    public static bool IsJson(string definition) => definition.StartsWith("{", System.StringComparison.Ordinal);

    /// <exception cref="System.FormatException">Not a table definition.</exception>
    public static TableDefinition Read(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new System.FormatException("not a table definition: " + e.Message, e);
        }
    }

    public static TableDefinition Read(JsonElement table) => new(
        table.GetProperty("columns").EnumerateArray().Select(c => new TableColumn(
            c.GetProperty("name").GetString()!,
            c.GetProperty("type").GetString()!,
            c.GetProperty("identity").GetBoolean(),
            c.GetProperty("notNull").GetBoolean(),
            c.GetProperty("default").ValueKind == JsonValueKind.Null ? null : c.GetProperty("default").GetString())).ToList(),
        table.GetProperty("constraints").EnumerateArray().Select(c => new TableConstraint(c.GetProperty("name").GetString()!, c.GetProperty("body").GetString()!)).ToList(),
        table.GetProperty("indexes").EnumerateArray().Select(i => new TableIndex(i.GetProperty("name").GetString()!, i.GetProperty("statement").GetString()!)).ToList(),
        table.GetProperty("partitioning").ValueKind == JsonValueKind.Null ? null : table.GetProperty("partitioning").GetString());
}
