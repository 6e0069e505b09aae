using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Reads one YAML mapping with a fixed set of keys: reports unknown keys (with a suggestion), missing required
/// keys and values of the wrong kind, so each file parser only states what it expects.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly string _path;
    private readonly string _what;
    private readonly DiagnosticBag _diagnostics;

    /// <summary>The entries with plain keys, read once: tenants.yaml asks each of 10,000 entries for a dozen keys.</summary>
    private readonly List<KeyValuePair<string?, YamlNode>> _plainKeys = new();

    private MappingReader(YamlMappingNode node, string path, string what, DiagnosticBag diagnostics, IReadOnlyList<string> allowedKeys)
    {
        _node = node;
        _path = path;
        _what = what;
        _diagnostics = diagnostics;
        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode key)
            {
                diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, YamlLocation.Of(path, entry.Key), "a key", "a plain name");
                continue;
            }

            _plainKeys.Add(new KeyValuePair<string?, YamlNode>(key.Value, entry.Value));
            if (!allowedKeys.Contains(key.Value ?? string.Empty))
            {
                diagnostics.Report(DefinitionDiagnostics.UnknownKey, YamlLocation.Of(path, key), key.Value ?? string.Empty, what,
                    NameSuggestions.DidYouMean(key.Value ?? string.Empty, allowedKeys), string.Join(", ", allowedKeys));
            }
        }
    }

    public SourceLocation Location => YamlLocation.Of(_path, _node);

    public string Path => _path;

    /// <summary>Null (with a diagnostic) when the node is not a mapping.</summary>
    public static MappingReader? For(YamlNode? node, string path, string what, DiagnosticBag diagnostics, params string[] allowedKeys)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, path, what, diagnostics, allowedKeys);
        }

        var location = node is null ? SourceLocation.StartOf(path) : YamlLocation.Of(path, node);
        diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, location, what, "a mapping of keys to values");
        return null;
    }

    public YamlNode? Node(string key)
    {
        foreach (var entry in _plainKeys)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public Located<string>? Scalar(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            ReportMissing(key, required);
            return null;
        }

        return ScalarOf(node, key);
    }

    public Located<string>? ScalarOf(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            return new Located<string>(scalar.Value ?? string.Empty, YamlLocation.Of(_path, scalar));
        }

        _diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, YamlLocation.Of(_path, node), key, "a single value");
        return null;
    }

    public bool Boolean(string key, bool defaultValue)
    {
        var value = Scalar(key);
        if (value is null)
        {
            return defaultValue;
        }

        switch (value.Value.Value)
        {
            case "true":
            case "True":
            case "yes":
                return true;
            case "false":
            case "False":
            case "no":
                return false;
            default:
                _diagnostics.Report(DefinitionDiagnostics.InvalidValue, value.Value.Location, value.Value.Value, key, "true or false");
                return defaultValue;
        }
    }

    /// <summary>The entries of a nested mapping, keys located; empty (with a diagnostic when required or mis-shaped) otherwise.</summary>
    public IReadOnlyList<KeyValuePair<Located<string>, YamlNode>> Entries(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            ReportMissing(key, required);
            return Array.Empty<KeyValuePair<Located<string>, YamlNode>>();
        }

        if (node is not YamlMappingNode mapping)
        {
            _diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, YamlLocation.Of(_path, node), key, "a mapping of names to values");
            return Array.Empty<KeyValuePair<Located<string>, YamlNode>>();
        }

        var entries = new List<KeyValuePair<Located<string>, YamlNode>>();
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode name && !IsNull(name))
            {
                entries.Add(new KeyValuePair<Located<string>, YamlNode>(
                    new Located<string>(name.Value ?? string.Empty, YamlLocation.Of(_path, name)), entry.Value));
            }
            else
            {
                _diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, YamlLocation.Of(_path, entry.Key), key + " key", "a plain name");
            }
        }

        return entries;
    }

    public IReadOnlyList<YamlNode> Sequence(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            ReportMissing(key, required);
            return Array.Empty<YamlNode>();
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        _diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, YamlLocation.Of(_path, node), key, "a list");
        return Array.Empty<YamlNode>();
    }

    /// <summary>A list of single values, e.g. <c>sources: [outreach, salesloft]</c>.</summary>
    public IReadOnlyList<Located<string>> ScalarList(string key)
    {
        var values = new List<Located<string>>();
        foreach (var item in Sequence(key))
        {
            var value = ScalarOf(item, key + " item");
            if (value is not null)
            {
                values.Add(value.Value);
            }
        }

        return values;
    }

    private void ReportMissing(string key, bool required)
    {
        if (required)
        {
            _diagnostics.Report(DefinitionDiagnostics.MissingKey, Location, _what, key);
        }
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null");
}
