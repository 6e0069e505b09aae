using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Testing;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Tests;

/// <summary>
/// tenants.yaml is read entry by entry as it loads (StreamedItems), so 10,000 entries' YAML nodes are never held at once.
/// That must change nothing: the registry read and every diagnostic are those of reading the whole tree, for every
/// registry of the repository and for thousands of generated ones, malformed ones included.
/// </summary>
[TestClass]
public sealed class TenantsStreamingTests
{
    [TestMethod]
    public void A_plain_registry_is_streamed_entry_by_entry_and_its_tree_keeps_an_empty_list()
    {
        var text = "tenants:\n  - id: a\n    name: A\n  - id: b\n    sources: [x, y]\n  - just a scalar\nattributes:\n  region: text\n";
        var seen = new List<YamlNode>();
        var streamed = new StreamedItems("tenants", seen.Add);

        Assert.IsTrue(YamlDocumentLoader.TryLoad("tenants.yaml", text, new DiagnosticBag(), out var root, streamed));

        Assert.IsTrue(streamed.Streamed);
        Assert.AreEqual(3, seen.Count);
        Assert.AreEqual("b", ((YamlScalarNode)((YamlMappingNode)seen[1])["id"]).Value);
        Assert.AreEqual(4, seen[1].Start.Line, "an entry's marks are those of the file");
        var list = (YamlSequenceNode)((YamlMappingNode)root!)["tenants"];
        Assert.AreEqual(0, list.Children.Count);
        Assert.AreEqual(2, list.Start.Line);
        Assert.AreEqual("text", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)root)["attributes"])["region"]).Value, "the rest of the tree is whole");
    }

    [TestMethod]
    public void Text_the_fast_reader_declines_is_not_streamed()
    {
        var streamed = new StreamedItems("tenants", _ => Assert.Fail("no entry may be handed out"));

        Assert.IsTrue(YamlDocumentLoader.TryLoad("tenants.yaml", "tenants:\n  - &a { id: a }\n  - *a\n", new DiagnosticBag(), out var root, streamed));

        Assert.IsFalse(streamed.Streamed);
        Assert.AreEqual(2, ((YamlSequenceNode)((YamlMappingNode)root!)["tenants"]).Children.Count);
    }

    [TestMethod]
    public void Every_registry_of_the_repository_reads_the_same_streamed_or_whole()
    {
        var files = new[] { "samples", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoPaths.Combine(folder), "tenants.yaml", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();

        Assert.IsTrue(files.Count > 50, $"only {files.Count} registries found");
        foreach (var file in files)
        {
            AssertSameAsWhole(File.ReadAllText(file), file);
        }
    }

    [TestMethod]
    public void Generated_registries_read_the_same_streamed_or_whole()
    {
        var random = new Random(20261207);
        var streamedCount = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var text = RandomRegistry(random);
            var streamed = new StreamedItems("tenants", _ => { });
            YamlDocumentLoader.TryLoad("tenants.yaml", text, new DiagnosticBag(), out _, streamed);
            streamedCount += streamed.Streamed ? 1 : 0;
            AssertSameAsWhole(text, $"generated registry {i}:\n{text}");
        }

        Assert.IsTrue(streamedCount > 1_200, $"only {streamedCount} of 3,000 generated registries were streamed: the test must exercise streaming");
    }

    private static void AssertSameAsWhole(string text, string name)
    {
        var wholeDiagnostics = new DiagnosticBag();
        var whole = YamlDocumentLoader.TryLoad("tenants.yaml", text, wholeDiagnostics, out var root)
            ? TenantsParser.Parse("tenants.yaml", root, wholeDiagnostics)
            : null;
        var streamedDiagnostics = new DiagnosticBag();
        var streamed = TenantsParser.Parse("tenants.yaml", text, streamedDiagnostics);

        Assert.AreEqual(Dump(whole), Dump(streamed), name);
        CollectionAssert.AreEqual(wholeDiagnostics.ToSortedList().Select(d => d.ToString()).ToList(),
            streamedDiagnostics.ToSortedList().Select(d => d.ToString()).ToList(), name);
    }

    /// <summary>Every public property, recursively, lists item by item: records compare lists by reference, not by content.</summary>
    private static string Dump(object? value)
    {
        var text = new StringBuilder();
        Dump(value, text);
        return text.ToString();
    }

    private static void Dump(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case bool or char or int or long or double or decimal or Enum:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Dump(item, text);
                    text.Append(", ");
                }

                text.Append(']');
                return;
        }

        text.Append(value.GetType().Name).Append('{');
        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append('=');
            Dump(property.GetValue(value), text);
            text.Append(' ');
        }

        text.Append('}');
    }

    private static readonly string[] Words = { "a", "t_1", "Tenant 0", "O'Brien", "yes", "maybe", "5", "-3", "null", "~", "x y", "é", "eu-west", "" };

    private static string RandomRegistry(Random random)
    {
        var lines = new List<string>();
        var sections = new List<Action>
        {
            () => Tenants(random, lines),
            () =>
            {
                lines.Add("defaults:");
                Settings(random, lines, "  ");
            },
            () =>
            {
                lines.Add("attributes:");
                lines.Add("  region: text");
                if (random.Next(2) == 0)
                {
                    lines.Add(random.Next(3) == 0 ? "  levels: { type: int[], nullable: true }" : "  levels: { type: text, nullable: true }");
                }
            },
        };
        if (random.Next(10) == 0)
        {
            sections.Add(() => lines.Add("unknown: 1"));
        }

        if (random.Next(15) == 0)
        {
            sections.Add(() => lines.Add("tenants: []"));
        }

        foreach (var section in sections.OrderBy(_ => random.Next()).Where(_ => random.Next(8) != 0))
        {
            section();
        }

        if (random.Next(40) == 0)
        {
            lines.Insert(0, "- a root that is a list");
        }

        var text = string.Join(random.Next(6) == 0 ? "\r\n" : "\n", lines);
        return random.Next(5) == 0 ? text : text + "\n";
    }

    private static void Tenants(Random random, List<string> lines)
    {
        switch (random.Next(20))
        {
            case 0:
                lines.Add("tenants: a scalar");
                return;
            case 1:
                lines.Add("tenants:");
                lines.Add("  id: a mapping");
                return;
            case 2:
                lines.Add("tenants: [a, 'b', \"c\"]");
                return;
        }

        lines.Add("tenants:" + (random.Next(6) == 0 ? "   # the registry" : string.Empty));
        var indent = random.Next(4) == 0 ? string.Empty : "  ";
        for (var i = random.Next(10) == 0 ? 0 : random.Next(1, 6); i > 0; i--)
        {
            if (random.Next(7) == 0)
            {
                lines.Add(random.Next(8) == 0 ? string.Empty : indent + "# between entries");
            }

            switch (random.Next(14))
            {
                case 0:
                    lines.Add(indent + "- " + Word(random));
                    break;
                case 1:
                    lines.Add(indent + "- [x, y]");
                    break;
                default:
                    var inner = indent + "  ";
                    lines.Add(indent + "- id: " + (random.Next(10) == 0 ? "[not, an, id]" : Word(random)));
                    if (random.Next(3) != 0)
                    {
                        lines.Add(inner + "name: " + Word(random));
                    }

                    Settings(random, lines, inner);
                    if (random.Next(12) == 0)
                    {
                        lines.Add(inner + "id: again");
                    }

                    if (random.Next(6) == 0)
                    {
                        lines.Add(inner + "overrides:");
                        lines.Add(inner + "  " + Word(random) + ":");
                        lines.Add(inner + "    tables:");
                        lines.Add(inner + "      t: { columns: c }");
                    }

                    break;
            }
        }
    }

    private static void Settings(Random random, List<string> lines, string indent)
    {
        var keys = new (string Key, Func<string> Value)[]
        {
            ("enabled", () => random.Next(3) == 0 ? "maybe" : "true"),
            ("priority", () => Word(random)),
            ("tier", () => Word(random)),
            ("database", () => Word(random)),
            ("sources", () => random.Next(4) == 0 ? Word(random) : "[outreach, " + Word(random) + "]"),
            ("time_zone", () => "Europe/Paris"),
            ("refresh_timeout", () => "5 minutes"),
            ("unknwon", () => "1"),
        };
        foreach (var (key, value) in keys.Where(_ => random.Next(4) == 0))
        {
            lines.Add(indent + key + ": " + value());
        }

        if (random.Next(4) == 0)
        {
            lines.Add(indent + "attributes:");
            lines.Add(indent + "  region: " + Word(random));
            if (random.Next(2) == 0)
            {
                lines.Add(indent + "  levels: [1, " + Word(random) + "]");
            }
        }
    }

    private static string Word(Random random)
    {
        var word = Words[random.Next(Words.Length)];
        return random.Next(5) switch
        {
            0 => "'" + word.Replace("'", "''", StringComparison.Ordinal) + "'",
            _ when word.Length == 0 || word.Contains('\'', StringComparison.Ordinal) => "\"" + word + "\"",
            _ => word,
        };
    }
}
