using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Parsing;
using TenantModels.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TenantModels.Core.Tests;

/// <summary>
/// The fast reader of definition files must give exactly YamlDotNet's events (values, styles, marks) for every text it
/// accepts, and decline everything else: a difference would change what a definition means or where a diagnostic points.
/// </summary>
[TestClass]
public sealed class BlockYamlReaderTests
{
    [TestMethod]
    public void EveryYamlFileOfTheRepository_ItAccepts_ReadsAsYamlDotNetReadsIt()
    {
        var files = new[] { "samples", "tests", "docs" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoPaths.Combine(folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("node_modules", StringComparison.Ordinal))
            .ToList();
        var accepted = files.Count(f => AgreesWithYamlDotNet(File.ReadAllText(f), f));

        Assert.IsTrue(files.Count > 50, $"only {files.Count} YAML files found");
        Assert.IsTrue(accepted * 2 > files.Count, $"the reader took only {accepted} of {files.Count} files: it should take the usual ones");
        foreach (var sample in new[] { "CallAnalytics", "SchemaPerTenantCrm" })
        {
            var tenants = RepoPaths.Combine("samples", sample, "tenants.yaml");
            Assert.IsNotNull(BlockYamlReader.TryParse(File.ReadAllText(tenants)), tenants + " is a plain registry and should be read fast");
        }
    }

    [TestMethod]
    public void ARegistryOfTenThousandTenants_IsReadFast_AndAsYamlDotNetReadsIt()
    {
        var text = new StringBuilder("# the registry\ntenants:\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append("  - id: tenant_").Append(i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
                .Append("    name: \"Tenant ").Append(i).Append("\"  # display name\n")
                .Append("    sources: [outreach, 'sales''loft']\n")
                .Append("    attributes:\n      region: eu-west\n      tier: ").Append(i % 3).Append("\n\n");
        }

        Assert.IsTrue(AgreesWithYamlDotNet(text.ToString(), "10,000 tenants"));
        Assert.IsTrue(AgreesWithYamlDotNet(text.ToString().Replace("\n", "\r\n", StringComparison.Ordinal), "10,000 tenants, CRLF"));
    }

    [TestMethod]
    [DataRow("a: &x 1\nb: *x\n", DisplayName = "anchors and aliases")]
    [DataRow("a: !!str 1\n", DisplayName = "tags")]
    [DataRow("a: |\n  text\n", DisplayName = "block scalar")]
    [DataRow("a: one\n  two\n", DisplayName = "multi-line plain scalar")]
    [DataRow("a:\n\tb: 1\n", DisplayName = "tab")]
    [DataRow("a:\nb: 1\n", DisplayName = "empty value")]
    [DataRow("---\na: 1\n", DisplayName = "document marker")]
    [DataRow("a: {b: {c: 1}}\n", DisplayName = "nested flow mapping")]
    [DataRow("a: \"x\\ty\"\n", DisplayName = "escape")]
    [DataRow("a: [x,\n  y]\n", DisplayName = "multi-line flow sequence")]
    [DataRow("# only a comment\n", DisplayName = "no content")]
    [DataRow("- - a\n", DisplayName = "nested sequence on one line")]
    [DataRow("a: 1\n# no break at the end", DisplayName = "comment as last line without a break")]
    public void AnythingOutsideThePlainBlockSubset_IsLeftToYamlDotNet(string text) =>
        Assert.IsNull(BlockYamlReader.TryParse(text), "the reader must decline, so YamlDotNet reads it");

    [TestMethod]
    [DataRow("a: 1\r", DisplayName = "carriage return at the end")]
    [DataRow("a: 1\r\nb: 2\r\n", DisplayName = "CRLF")]
    [DataRow("  a: 1\n  b: 2\n", DisplayName = "indented root")]
    [DataRow("- a\n- b\n", DisplayName = "root sequence")]
    [DataRow("a:\n- x\n- y\nb: 1\n", DisplayName = "indentless sequence at the root")]
    [DataRow("a:\n  b:\n  - x\nc: 1\n", DisplayName = "indentless sequence closed by a dedent")]
    [DataRow("- a: 1\n  b: 2\n- c: 3\n", DisplayName = "mappings in a sequence")]
    [DataRow("a: 'x''y'\nb: \"\"\nc: ''\n", DisplayName = "quotes, empty quoted")]
    [DataRow("a: []\nb: {}\nc: [ ]\n", DisplayName = "empty flow collections")]
    [DataRow("k: v # c\n# end\n", DisplayName = "trailing comments")]
    [DataRow("k: v\n\n\n", DisplayName = "blank lines at the end")]
    [DataRow("k: a b  c\n", DisplayName = "inner spaces")]
    public void EdgeCases_ItAccepts_ReadAsYamlDotNetReadsThem(string text)
    {
        Assert.IsTrue(AgreesWithYamlDotNet(text, text), "expected the reader to take this text");
    }

    [TestMethod]
    public void RandomDocuments_ItAccepts_ReadAsYamlDotNetReadsThem()
    {
        var random = new Random(20261207);
        var accepted = 0;
        const int documents = 4000;
        for (var i = 0; i < documents; i++)
        {
            var text = RandomDocument(random);
            if (AgreesWithYamlDotNet(text, $"random document {i}"))
            {
                accepted++;
            }
        }

        // Vacuous if it declined nearly everything: most generated documents are inside the subset.
        Assert.IsTrue(accepted > documents / 4, $"accepted only {accepted} of {documents}");
    }

    /// <returns>Whether the reader accepted the text; when it did, its events are YamlDotNet's (else the test fails).</returns>
    private static bool AgreesWithYamlDotNet(string text, string name)
    {
        var fast = BlockYamlReader.TryParse(text);
        if (fast is null)
        {
            return false;
        }

        List<ParsingEvent> expected;
        try
        {
            expected = Events(new Parser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            Assert.Fail($"{name}: the reader accepted text YamlDotNet refuses ({e.Message}):\n{text}");
            throw;
        }

        var actual = Events(fast);
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var difference = Difference(expected[i], actual[i]);
            if (difference is not null)
            {
                Assert.Fail($"{name}: event {i} differs: {difference}\n{text}");
            }
        }

        Assert.AreEqual(expected.Count, actual.Count, $"{name}: event count\n{text}");
        return true;
    }

    private static List<ParsingEvent> Events(IParser parser)
    {
        var events = new List<ParsingEvent>();
        while (parser.MoveNext())
        {
            events.Add(parser.Current!);
        }

        return events;
    }

    private static string? Difference(ParsingEvent expected, ParsingEvent actual)
    {
        string Describe(ParsingEvent e) => e switch
        {
            Scalar s => $"Scalar '{s.Value}' {s.Style} plain={s.IsPlainImplicit} quoted={s.IsQuotedImplicit} key={s.IsKey} tag={s.Tag} anchor={s.Anchor}",
            MappingStart m => $"MappingStart {m.Style} implicit={m.IsImplicit} tag={m.Tag} anchor={m.Anchor}",
            SequenceStart q => $"SequenceStart {q.Style} implicit={q.IsImplicit} tag={q.Tag} anchor={q.Anchor}",
            DocumentStart d => $"DocumentStart implicit={d.IsImplicit}",
            DocumentEnd d => $"DocumentEnd implicit={d.IsImplicit}",
            _ => e.GetType().Name,
        } + $" [{e.Start.Index},{e.Start.Line},{e.Start.Column}]-[{e.End.Index},{e.End.Line},{e.End.Column}]";
        var (x, y) = (Describe(expected), Describe(actual));
        return x == y ? null : $"YamlDotNet: {x}; reader: {y}";
    }

    private static readonly string[] Pieces =
    {
        "a", "id", "tenant_01", "Tenant 0", "x y", "42", "-5", "3.5", "true", "null", "~", "O'Brien", "say \"hi\"", "a,b", "a#b",
        "a # c", "http://x/y", "a:b", "a: b", "é", "中文", "-x", "?q", ":c", "[a]", "{b}", "&x", "*y", "!t", "|", ">", "%", "@", "`",
        "#c", "a ", " a", "-", "a:", "", "a\\b", "'", "\"",
    };

    private static string RandomDocument(Random random)
    {
        var lines = new List<string>();
        if (random.Next(3) == 0)
        {
            lines.Add("# heading");
        }

        if (random.Next(2) == 0)
        {
            Mapping(random, lines, 0, 0);
        }
        else
        {
            Sequence(random, lines, 0, 0);
        }

        var text = string.Join(random.Next(5) == 0 ? "\r\n" : "\n", lines);
        return random.Next(4) == 0 ? text : text + "\n";
    }

    private static void Mapping(Random random, List<string> lines, int indent, int depth, string? firstPrefix = null)
    {
        var keys = random.Next(1, 4);
        for (var k = 0; k < keys; k++)
        {
            var prefix = k == 0 && firstPrefix is not null ? firstPrefix : new string(' ', indent);
            var key = random.Next(8) == 0 ? Scalar(random) : "k" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Noise(random, lines, indent);
            switch (depth < 3 ? random.Next(14) : 0)
            {
                case < 10:
                    lines.Add($"{prefix}{key}:{Spaces(random)}{Value(random)}{Comment(random)}");
                    break;
                case 10 or 11:
                    lines.Add($"{prefix}{key}:{Comment(random)}");
                    Mapping(random, lines, indent + random.Next(1, 4), depth + 1);
                    break;
                case 12:
                    lines.Add($"{prefix}{key}:{Comment(random)}");
                    Sequence(random, lines, indent + random.Next(0, 3), depth + 1);
                    break;
                default:
                    lines.Add($"{prefix}{key}:");
                    break;
            }
        }
    }

    private static void Sequence(Random random, List<string> lines, int indent, int depth)
    {
        var items = random.Next(1, 4);
        for (var i = 0; i < items; i++)
        {
            Noise(random, lines, indent);
            var dash = new string(' ', indent) + "-" + new string(' ', random.Next(1, 3));
            if (depth < 3 && random.Next(3) == 0)
            {
                Mapping(random, lines, dash.Length, depth + 1, dash);
            }
            else
            {
                lines.Add(dash + Value(random) + Comment(random));
            }
        }
    }

    private static void Noise(Random random, List<string> lines, int indent)
    {
        switch (random.Next(12))
        {
            case 0:
                lines.Add(string.Empty);
                break;
            case 1:
                lines.Add(new string(' ', random.Next(0, indent + 2)) + "# note");
                break;
            case 2:
                lines.Add("   ");
                break;
        }
    }

    private static string Value(Random random) => random.Next(5) switch
    {
        0 => "[" + string.Join(random.Next(2) == 0 ? ", " : " ,", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Scalar(random))) + "]",
        1 => "{" + Spaces(random) + string.Join(", ", Enumerable.Range(0, random.Next(0, 3)).Select(_ => (random.Next(6) == 0 ? Scalar(random) : "k") + ":" + Spaces(random) + Scalar(random))) + Spaces(random) + "}",
        _ => Scalar(random),
    };

    private static string Scalar(Random random)
    {
        // Half plain words, half the pieces that make YAML tricky.
        var text = random.Next(2) == 0
            ? Pieces[random.Next(4)]
            : Pieces[random.Next(Pieces.Length)] + (random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : string.Empty);
        return random.Next(6) switch
        {
            0 => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
            1 => "\"" + text + "\"",
            _ => text,
        };
    }

    private static string Spaces(Random random) => new(' ', random.Next(0, 3));

    private static string Comment(Random random) => random.Next(5) == 0 ? new string(' ', random.Next(0, 3)) + "# c" : random.Next(8) == 0 ? "  " : string.Empty;
}
