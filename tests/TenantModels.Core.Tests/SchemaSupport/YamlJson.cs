using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Tests.SchemaSupport;

/// <summary>
/// A YAML document as the JSON an editor's YAML extension validates: plain <c>true</c> a boolean, plain <c>12</c> a
/// number, plain <c>~</c> null, anything quoted a string (<see cref="YamlSchemaValidator.KindOf"/>), so a JSON
/// Schema library sees what the editor sees.
/// </summary>
internal static class YamlJson
{
    public static JsonElement Of(string yaml) => JsonSerializer.SerializeToElement(Node(YamlSchemaValidator.Parse(yaml)));

    private static JsonNode? Node(YamlNode? node) => node switch
    {
        null => null,
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(e =>
            new System.Collections.Generic.KeyValuePair<string, JsonNode?>(((YamlScalarNode)e.Key).Value ?? string.Empty, Node(e.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Node).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        switch (YamlSchemaValidator.KindOf(scalar))
        {
            case "null":
                return null;
            case "boolean":
                return JsonValue.Create(text is "true" or "True" or "TRUE");
            case "integer":
                return text.StartsWith("0x", StringComparison.Ordinal) ? JsonValue.Create(Convert.ToInt64(text.Substring(2), 16))
                    : text.StartsWith("0o", StringComparison.Ordinal) ? JsonValue.Create(Convert.ToInt64(text.Substring(2), 8))
                    : JsonValue.Create(decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case "number":
                return JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            default:
                return JsonValue.Create(text);
        }
    }
}
