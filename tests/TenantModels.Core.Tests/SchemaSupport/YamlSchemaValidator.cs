using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Tests.SchemaSupport;

/// <summary>One way a YAML node breaks the schema, located by a path such as <c>$.tenants[2].id</c> and a line.</summary>
internal sealed record SchemaError(string Path, int Line, int Column, string Message, bool IsTypeMismatch = false)
{
    public override string ToString() => $"{Path} ({Line},{Column}): {Message}";
}

/// <summary>A mapping node and the object schema (a JSON pointer into the schema file) that validated it.</summary>
internal sealed record ObjectVisit(YamlMappingNode Node, string SchemaPointer);

internal sealed class SchemaValidation
{
    public List<SchemaError> Errors { get; } = new();

    public List<ObjectVisit> Objects { get; } = new();

    public bool IsValid => Errors.Count == 0;

    public void Merge(SchemaValidation other)
    {
        Errors.AddRange(other.Errors);
        Objects.AddRange(other.Objects);
    }
}

/// <summary>
/// Validates YAML (YamlDotNet's representation model) against the subset of JSON Schema draft-07 the TenantModels schemas
/// use. Scalars are typed as the YAML 1.2 core schema (what the Red Hat YAML extension does): plain <c>true</c> is a
/// boolean, plain <c>12</c> an integer, plain <c>~</c> null, anything quoted a string. A keyword outside the subset
/// throws, so a schema can never rely on something this validator silently ignores.
/// </summary>
internal sealed class YamlSchemaValidator
{
    /// <summary>Keywords that only annotate (documentation, completion) and never affect validity.</summary>
    public static readonly IReadOnlyCollection<string> AnnotationKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "$comment", "title", "description", "examples", "default", "patternErrorMessage", "definitions", "$defs",
        "defaultSnippets", "enumDescriptions", "errorMessage",
    };

    public static readonly IReadOnlyCollection<string> AssertionKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "properties", "required", "additionalProperties", "propertyNames", "enum", "pattern",
        "minLength", "maxLength", "minimum", "maximum", "items", "minItems", "oneOf", "anyOf", "allOf",
    };

    private static readonly Regex Integer = new(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public YamlSchemaValidator(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public static YamlSchemaValidator Load(string schemaPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(schemaPath));
        return new YamlSchemaValidator(document.RootElement.Clone());
    }

    /// <summary>The root node of a one-document YAML text (null when the text is empty).</summary>
    public static YamlNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    public SchemaValidation Validate(YamlNode? node)
    {
        var result = new SchemaValidation();
        if (node is not null)
        {
            Validate(Root, "#", node, "$", result);
        }

        return result;
    }

    public SchemaValidation Validate(JsonElement schema, string pointer, YamlNode node)
    {
        var result = new SchemaValidation();
        Validate(schema, pointer, node, "$", result);
        return result;
    }

    /// <summary>The schema a <c>#/a/b</c> pointer names.</summary>
    public JsonElement Resolve(string pointer)
    {
        if (pointer == "#")
        {
            return Root;
        }

        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"only local references are supported, not '{pointer}'");
        }

        var current = Root;
        foreach (var raw in pointer.Substring(2).Split('/'))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Array)
            {
                current = current[int.Parse(segment, CultureInfo.InvariantCulture)];
            }
            else if (!current.TryGetProperty(segment, out current))
            {
                throw new InvalidOperationException($"reference '{pointer}' does not resolve");
            }
        }

        return current;
    }

    public static string KindOf(YamlNode node) => node switch
    {
        YamlMappingNode => "object",
        YamlSequenceNode => "array",
        YamlScalarNode scalar => ScalarKind(scalar),
        _ => "unknown",
    };

    private static string ScalarKind(YamlScalarNode scalar)
    {
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str")
        {
            return "string";
        }

        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return "string";
        }

        var text = scalar.Value ?? string.Empty;
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => "null",
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => "boolean",
            _ when Integer.IsMatch(text) => "integer",
            _ when Float.IsMatch(text) => "number",
            _ => "string",
        };
    }

    private void Validate(JsonElement schema, string pointer, YamlNode node, string path, SchemaValidation result)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            result.Errors.Add(Error(path, node, "no value is allowed here"));
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!AnnotationKeywords.Contains(keyword.Name) && !AssertionKeywords.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"the schema uses '{keyword.Name}' at {pointer}, which this validator does not implement");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            Validate(Resolve(target), target, node, path, result);
        }

        var kind = KindOf(node);
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : new List<string> { type.GetString()! };
            if (!allowed.Any(t => t == kind || (t == "number" && kind == "integer")))
            {
                result.Errors.Add(Error(path, node, $"is {Article(kind)}, expected {string.Join(" or ", allowed)}", typeMismatch: true));
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => Equal(v, node, kind)))
        {
            result.Errors.Add(Error(path, node, $"'{(node as YamlScalarNode)?.Value}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetRawText()))}"));
        }

        if (node is YamlScalarNode scalar)
        {
            ValidateScalar(schema, scalar, kind, path, result);
        }

        if (node is YamlSequenceNode sequence)
        {
            if (schema.TryGetProperty("minItems", out var minItems) && sequence.Children.Count < minItems.GetInt32())
            {
                result.Errors.Add(Error(path, node, $"has {sequence.Children.Count} item(s), expected at least {minItems.GetInt32()}"));
            }

            if (schema.TryGetProperty("items", out var items))
            {
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Validate(items, pointer + "/items", sequence.Children[i], $"{path}[{i}]", result);
                }
            }
        }

        if (node is YamlMappingNode mapping)
        {
            ValidateObject(schema, pointer, mapping, path, result);
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            var i = 0;
            foreach (var branch in allOf.EnumerateArray())
            {
                Validate(branch, $"{pointer}/allOf/{i++}", node, path, result);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            Alternatives(anyOf, pointer + "/anyOf", node, path, result, exactlyOne: false);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            Alternatives(oneOf, pointer + "/oneOf", node, path, result, exactlyOne: true);
        }
    }

    private void ValidateScalar(JsonElement schema, YamlScalarNode scalar, string kind, string path, SchemaValidation result)
    {
        var text = scalar.Value ?? string.Empty;
        if (kind == "string")
        {
            if (schema.TryGetProperty("pattern", out var pattern) && !PatternOf(pattern.GetString()!).IsMatch(text))
            {
                var message = schema.TryGetProperty("patternErrorMessage", out var custom) ? custom.GetString()! : $"does not match the pattern {pattern.GetString()}";
                result.Errors.Add(Error(path, scalar, $"'{text}': {message}"));
            }

            if (schema.TryGetProperty("maxLength", out var maxLength) && text.Length > maxLength.GetInt32())
            {
                result.Errors.Add(Error(path, scalar, $"'{text}' is {text.Length} characters long, at most {maxLength.GetInt32()} allowed"));
            }

            if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            {
                result.Errors.Add(Error(path, scalar, $"'{text}' is shorter than {minLength.GetInt32()} characters"));
            }
        }

        if (kind is "integer" or "number" && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal())
            {
                result.Errors.Add(Error(path, scalar, $"{text} is less than the minimum {minimum.GetDecimal()}"));
            }

            if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDecimal())
            {
                result.Errors.Add(Error(path, scalar, $"{text} is more than the maximum {maximum.GetDecimal()}"));
            }
        }
    }

    private void ValidateObject(JsonElement schema, string pointer, YamlMappingNode mapping, string path, SchemaValidation result)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (hasProperties)
        {
            result.Objects.Add(new ObjectVisit(mapping, pointer));
        }

        var keys = new List<string>();
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode keyNode)
            {
                result.Errors.Add(Error(path, entry.Key, "a key must be a plain name"));
                continue;
            }

            var key = keyNode.Value ?? string.Empty;
            keys.Add(key);
            var childPath = path + "." + key;
            if (schema.TryGetProperty("propertyNames", out var propertyNames))
            {
                var nameCheck = new SchemaValidation();
                Validate(propertyNames, pointer + "/propertyNames", new YamlScalarNode(key) { Style = ScalarStyle.DoubleQuoted }, childPath, nameCheck);
                result.Errors.AddRange(nameCheck.Errors.Select(e => e with { Path = childPath, Line = Line(keyNode), Column = Column(keyNode), Message = "key " + e.Message }));
            }

            if (hasProperties && properties.TryGetProperty(key, out var propertySchema))
            {
                Validate(propertySchema, $"{pointer}/properties/{Escape(key)}", entry.Value, childPath, result);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    var known = hasProperties ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name)) : "none";
                    result.Errors.Add(new SchemaError(childPath, Line(keyNode), Column(keyNode), $"unknown key '{key}'; allowed: {known}"));
                }
                else
                {
                    Validate(additional, pointer + "/additionalProperties", entry.Value, childPath, result);
                }
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !keys.Contains(r)))
            {
                result.Errors.Add(Error(path, mapping, $"is missing required key '{name}'"));
            }
        }
    }

    private void Alternatives(JsonElement branches, string pointer, YamlNode node, string path, SchemaValidation result, bool exactlyOne)
    {
        var outcomes = branches.EnumerateArray().Select((branch, i) =>
        {
            var outcome = new SchemaValidation();
            Validate(branch, $"{pointer}/{i}", node, path, outcome);
            return outcome;
        }).ToList();
        var passed = outcomes.Where(o => o.IsValid).ToList();
        if (passed.Count == 1 || (passed.Count > 1 && !exactlyOne))
        {
            result.Objects.AddRange(passed[0].Objects);
            return;
        }

        if (passed.Count > 1)
        {
            result.Errors.Add(Error(path, node, $"matches {passed.Count} of the alternatives, expected exactly one"));
            return;
        }

        // Report the alternative that came closest: one of the node's own kind, then the one with the fewest errors.
        var sameKind = outcomes.Where(o => !o.Errors.Any(e => e.IsTypeMismatch && e.Path == path)).ToList();
        if (sameKind.Count == 0)
        {
            var expected = outcomes.SelectMany(o => o.Errors).Where(e => e.IsTypeMismatch && e.Path == path)
                .Select(e => e.Message.Substring(e.Message.IndexOf("expected ", StringComparison.Ordinal) + "expected ".Length)).Distinct();
            result.Errors.Add(Error(path, node, $"is {Article(KindOf(node))}, expected {string.Join(" or ", expected)}", typeMismatch: true));
            return;
        }

        result.Errors.AddRange(sameKind.OrderBy(o => o.Errors.Count).First().Errors);
    }

    private static bool Equal(JsonElement value, YamlNode node, string kind)
    {
        var text = (node as YamlScalarNode)?.Value ?? string.Empty;
        return value.ValueKind switch
        {
            JsonValueKind.String => kind == "string" && text == value.GetString(),
            JsonValueKind.True => kind == "boolean" && text.Equals("true", StringComparison.OrdinalIgnoreCase),
            JsonValueKind.False => kind == "boolean" && text.Equals("false", StringComparison.OrdinalIgnoreCase),
            JsonValueKind.Null => kind == "null",
            JsonValueKind.Number => kind is "integer" or "number"
                && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == value.GetDecimal(),
            _ => false,
        };
    }

    private Regex PatternOf(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(pattern, RegexOptions.ECMAScript);
            _patterns.Add(pattern, regex);
        }

        return regex;
    }

    private static string Article(string kind) => kind switch
    {
        "object" => "a mapping",
        "array" => "a list",
        "null" => "empty (null)",
        "integer" => "an integer",
        _ => "a " + kind,
    };

    private static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    private static SchemaError Error(string path, YamlNode node, string message, bool typeMismatch = false) =>
        new(path, Line(node), Column(node), message, typeMismatch);

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static int Column(YamlNode node) => (int)node.Start.Column;
}
