using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Generator.Tests.Support;

namespace TenantModels.Generator.Tests;

/// <summary>
/// The registry is data in the generated code (one table decoded on first use): the code does not grow with the
/// tenants, and every value, of every attribute type and with any character, comes back as written.
/// </summary>
[TestClass]
public sealed class TenantTableTests
{
    private const string Source = "source: crm\ntables:\n  account:\n    columns:\n      id: bigint\n";

    /// <summary>Every attribute type, and text with the table's separators, escapes, quotes and line breaks.</summary>
    private const string Registry = """
        attributes:
          small: smallint
          whole: integer
          big: bigint
          money: numeric
          ratio: real
          precise: double precision
          flag: boolean
          day: date
          at: timestamp
          at_utc: timestamptz
          key: uuid
          label: text
          doc: jsonb
          tags: "text[]"
          required_label: { type: text, nullable: false }
        tenants:
          - id: acme
            name: "Pipe | back\\slash \\0 \"quote\" tab\tnew\nline \r\u2028\u0085 é 🙂"
            tier: ""
            database: east
            priority: -5
            sources: [crm]
            attributes:
              small: -32768
              whole: 2147483647
              big: -9223372036854775808
              money: 12.50
              ratio: 1.1
              precise: 0.1
              flag: true
              day: 2024-02-29
              at: "2024-02-29 13:45:00"
              at_utc: "2024-02-29T13:45:00+02:00"
              key: 3f2504e0-4f89-11d3-9a0c-0305e82c3301
              label: "a|b\\c"
              doc: '{"a": 1}'
              tags: "{x,y}"
              required_label: r
          - id: bare
            enabled: false
            attributes: { required_label: "" }
        """;

    [TestMethod]
    public void EveryValue_ComesBackAsWritten()
    {
        var project = Project(Registry);
        project.ReportDiagnostics = true;
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));
        Assert.AreEqual(0, result.Diagnostics.Length, string.Join("\n", result.Diagnostics));
        var tenants = Load(output).GetType("App.Tenants")!;
        var all = ((System.Collections.IEnumerable)tenants.GetProperty("All")!.GetValue(null)!).Cast<object>().ToList();
        Assert.AreEqual(2, all.Count);

        var acme = all[0];
        Assert.AreEqual("acme", Get(acme, "Id"));
        Assert.AreEqual("Pipe | back\\slash \\0 \"quote\" tab\tnew\nline \r\u2028\u0085 é 🙂", Get(acme, "Name"));
        Assert.AreEqual(true, Get(acme, "Enabled"));
        CollectionAssert.AreEqual(new[] { "crm" }, ((IEnumerable<string>)Get(acme, "Sources")!).ToArray());
        Assert.AreEqual(-5, Get(acme, "Priority"));
        Assert.AreEqual(string.Empty, Get(acme, "Tier"), "an empty tier is not null");
        Assert.AreEqual("east", Get(acme, "Database"));

        var attributes = Get(acme, "Attributes")!;
        Assert.AreEqual((short)-32768, Get(attributes, "Small"));
        Assert.AreEqual(int.MaxValue, Get(attributes, "Whole"));
        Assert.AreEqual(long.MinValue, Get(attributes, "Big"));
        Assert.AreEqual("12.50", ((decimal)Get(attributes, "Money")!).ToString(CultureInfo.InvariantCulture), "the scale is kept");
        Assert.AreEqual(1.1f, Get(attributes, "Ratio"));
        Assert.AreEqual(0.1d, Get(attributes, "Precise"));
        Assert.AreEqual(true, Get(attributes, "Flag"));
        Assert.AreEqual(new DateOnly(2024, 2, 29), Get(attributes, "Day"));
        var at = (DateTime)Get(attributes, "At")!;
        Assert.AreEqual((new DateTime(2024, 2, 29, 13, 45, 0), DateTimeKind.Unspecified), (at, at.Kind));
        var atUtc = (DateTime)Get(attributes, "AtUtc")!;
        Assert.AreEqual((new DateTime(2024, 2, 29, 11, 45, 0), DateTimeKind.Utc), (atUtc, atUtc.Kind));
        Assert.AreEqual(new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Get(attributes, "Key"));
        Assert.AreEqual("a|b\\c", Get(attributes, "Label"));
        Assert.AreEqual("{\"a\": 1}", Get(attributes, "Doc"));
        Assert.AreEqual("{x,y}", Get(attributes, "Tags"));
        Assert.AreEqual("r", Get(attributes, "RequiredLabel"));

        var bare = all[1];
        Assert.AreEqual("bare", Get(bare, "Name"), "the name defaults to the id");
        Assert.AreEqual(false, Get(bare, "Enabled"));
        Assert.AreEqual(0, ((IEnumerable<string>)Get(bare, "Sources")!).Count());
        Assert.AreEqual(100, Get(bare, "Priority"));
        Assert.IsNull(Get(bare, "Tier"));
        Assert.IsNull(Get(bare, "Database"));
        var bareAttributes = Get(bare, "Attributes")!;
        foreach (var name in new[] { "Small", "Whole", "Big", "Money", "Ratio", "Precise", "Flag", "Day", "At", "AtUtc", "Key", "Label", "Doc", "Tags" })
        {
            Assert.IsNull(Get(bareAttributes, name), name);
        }

        Assert.AreEqual(string.Empty, Get(bareAttributes, "RequiredLabel"));

        var tryGet = tenants.GetMethod("TryGet")!;
        var arguments = new object?[] { "bare", null };
        Assert.AreEqual(true, tryGet.Invoke(null, arguments));
        Assert.AreSame(bare, arguments[1], "lookups return the tenants of All");
        arguments = new object?[] { null, null };
        Assert.AreEqual(false, tryGet.Invoke(null, arguments), "a null id is not found");
    }

    /// <summary>The generated Tenants file has the same syntax (but for the one table literal) for 3 tenants or 300.</summary>
    [TestMethod]
    public void TheCode_DoesNotGrowWithTheTenants()
    {
        var few = Shape(Tenants(3));
        var many = Shape(Tenants(300));
        Assert.AreEqual(few.Members, many.Members, "members per tenant");
        Assert.AreEqual(few.Nodes, many.Nodes, "syntax nodes per tenant");
        Assert.AreEqual(1, few.Literals.Count(l => l.Contains("tenant_00002", StringComparison.Ordinal)), "the table is one literal");
        Assert.AreEqual(1, many.Literals.Count(l => l.Contains("tenant_00299", StringComparison.Ordinal)), "the table is one literal");
    }

    private static (int Members, int Nodes, IReadOnlyList<string> Literals) Shape(string registry)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(Project(registry)), GeneratorHarness.Compilation(referenceNpgsql: false));
        var tree = result.GeneratedSources.Single(s => s.HintName == "TenantModels.Tenants.g.cs").SyntaxTree;
        var root = tree.GetRoot();
        return (
            root.DescendantNodes().OfType<MemberDeclarationSyntax>().Count(),
            root.DescendantNodes().Count(),
            root.DescendantNodes().OfType<LiteralExpressionSyntax>().Select(l => l.Token.ValueText).ToList());
    }

    private static string Tenants(int count)
    {
        var text = new StringBuilder("tenants:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("  - id: tenant_").Append(i.ToString("00000", CultureInfo.InvariantCulture)).Append("\n    sources: [crm]\n");
        }

        return text.ToString();
    }

    private static TestProject Project(string registry) =>
        new("/fixtures/App", new Dictionary<string, string> { ["tenants.yaml"] = registry, ["sources/crm.yaml"] = Source }) { RootNamespace = "App" };

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.IsTrue(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }

    private static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);
}
