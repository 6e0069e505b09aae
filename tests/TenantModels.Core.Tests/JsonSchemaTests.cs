using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Tests.SchemaSupport;
using TenantModels.Testing;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Tests;

/// <summary>
/// The JSON Schemas shipped in the SDK package (sdk/TenantModels.Sdk/schemas/) against the parsers they describe:
/// every valid sample and case file passes, known mistakes fail at the right path (both judged by JsonSchema.Net, a
/// maintained draft-07 implementation), and each schema object allows exactly the keys the parser accepts there (the
/// parser's own list, read from its TM1002 message; <see cref="YamlSchemaValidator"/> walks the YAML to find which
/// schema object applies to each mapping).
/// </summary>
[TestClass]
public sealed class JsonSchemaTests
{
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";
    private const string UnknownKey = "zz_not_a_key";

    private static readonly Dictionary<DefinitionFileKind, string> SchemaFiles = new()
    {
        [DefinitionFileKind.ProjectSettings] = "tenantmodels.schema.json",
        [DefinitionFileKind.Tenants] = "tenants.schema.json",
        [DefinitionFileKind.Source] = "source.schema.json",
        [DefinitionFileKind.Model] = "model.schema.json",
    };

    /// <summary>Codes for mistakes a schema can see on its own: wrong keys, missing keys, wrong kinds, bad names and types.</summary>
    private static readonly string[] SchemaVisibleCodes = { "TM1002", "TM1003", "TM1004", "TM1011", "TM1012", "TM1025" };

    private static readonly Regex DiagnosticLine = new(@"^(?<path>[^(]+)\(\d+,\d+\): error (?<code>TM\d+):", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Lazy<Dictionary<DefinitionFileKind, SchemaEvaluator>> Evaluators = new(() =>
        SchemaFiles.ToDictionary(kv => kv.Key, kv => SchemaEvaluator.Load(Path.Combine(SchemaDirectory, kv.Value))));

    private static readonly Lazy<Dictionary<DefinitionFileKind, YamlSchemaValidator>> Validators = new(() =>
        SchemaFiles.ToDictionary(kv => kv.Key, kv => YamlSchemaValidator.Load(Path.Combine(SchemaDirectory, kv.Value))));

    private static string SchemaDirectory => RepoPaths.Combine("sdk", "TenantModels.Sdk", "schemas");

    public static IEnumerable<object[]> Schemas() => SchemaFiles.Values.Select(f => new object[] { f });

    [TestMethod]
    public void Every_yaml_file_kind_has_exactly_one_schema()
    {
        var yamlKinds = Enum.GetValues<DefinitionFileKind>().Where(k => k is not (DefinitionFileKind.Unknown or DefinitionFileKind.Seed));
        CollectionAssert.AreEquivalent(yamlKinds.ToList(), SchemaFiles.Keys.ToList());
        var onDisk = Directory.GetFiles(SchemaDirectory, "*.json").Select(Path.GetFileName).ToList();
        CollectionAssert.AreEquivalent(SchemaFiles.Values.ToList(), onDisk);
    }

    [TestMethod]
    [DynamicData(nameof(Schemas))]
    public void Schema_is_draft07_json_with_the_expected_shape(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaDirectory, file)));
        var root = document.RootElement;
        Assert.AreEqual(Draft07, root.GetProperty("$schema").GetString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.IsFalse(string.IsNullOrWhiteSpace(root.GetProperty("description").GetString()));
        Assert.AreEqual("object", root.GetProperty("type").GetString());
        Assert.AreEqual(JsonValueKind.False, root.GetProperty("additionalProperties").ValueKind);
        Assert.IsTrue(root.GetProperty("properties").EnumerateObject().Any());

        var validator = new YamlSchemaValidator(root.Clone());
        var problems = new List<string>();
        foreach (var (pointer, schema) in Subschemas(root, "#"))
        {
            CheckSubschema(validator, pointer, schema, problems);
        }

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    public static IEnumerable<object[]> ValidFiles()
    {
        foreach (var sample in Directory.GetDirectories(RepoPaths.Combine("samples")).Where(d => Directory.GetFiles(d, "*.csproj").Length > 0).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var path in DefinitionFileLayout.Enumerate(sample))
            {
                var relative = ProjectInput.Relative(sample, path);
                if (SchemaFiles.ContainsKey(DefinitionFileLayout.KindOf(relative)))
                {
                    yield return new object[] { "samples/" + Path.GetFileName(sample), relative };
                }
            }
        }

        // The project `dotnet new tenantmodels` writes: the first definitions a newcomer's editor checks.
        var template = RepoPaths.Combine("src", "TenantModels.Templates", "content", "tenantmodels");
        foreach (var path in DefinitionFileLayout.Enumerate(template))
        {
            var relative = ProjectInput.Relative(template, path);
            if (SchemaFiles.ContainsKey(DefinitionFileLayout.KindOf(relative)))
            {
                yield return new object[] { "src/TenantModels.Templates/content/tenantmodels", relative };
            }
        }

        foreach (var (caseName, relative, codes) in CaseFiles())
        {
            // A file the expected diagnostics blame for a TM1xxx error is deliberately wrong; every other one is valid.
            if (!codes.Any(c => c.StartsWith("TM1", StringComparison.Ordinal)))
            {
                yield return new object[] { "tests/TenantModels.Core.Tests/Cases/" + caseName, relative };
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(ValidFiles))]
    public void Valid_definition_file_matches_its_schema(string project, string relativePath)
    {
        var text = File.ReadAllText(RepoPaths.Combine(project, relativePath));
        var result = Evaluators.Value[DefinitionFileLayout.KindOf(relativePath)].Evaluate(text);
        Assert.IsTrue(result.IsValid, $"{project}/{relativePath}:\n" + string.Join("\n", result.Errors));
    }

    public static IEnumerable<object[]> ShapeErrorCaseFiles() =>
        CaseFiles().Where(f => f.Codes.Any(c => SchemaVisibleCodes.Contains(c))).Select(f => new object[] { f.Case, f.RelativePath, string.Join(",", f.Codes) });

    [TestMethod]
    [DynamicData(nameof(ShapeErrorCaseFiles))]
    public void File_the_compiler_rejects_for_its_shape_fails_its_schema(string caseName, string relativePath, string codes)
    {
        var text = File.ReadAllText(RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Cases", caseName, relativePath));
        var result = Evaluators.Value[DefinitionFileLayout.KindOf(relativePath)].Evaluate(text);
        Assert.IsFalse(result.IsValid, $"{caseName}/{relativePath} has {codes} but passes its schema");
    }

    public static IEnumerable<object[]> InvalidSnippets()
    {
        const string Model = "model: call\ncolumns: { a: text }\n";
        const string View = "model: call\ncolumns: { a: text }\nfrom:\n  crm:\n    table: contact\n";
        yield return Snippet("unknown model key", "models/m.yaml", Model + "materialised: view\n", "$.materialised", "unknown key 'materialised'");
        yield return Snippet("misspelt materialization", "models/m.yaml", Model + "materialized: tabel\n", "$.materialized", "not one of");
        yield return Snippet("unknown scope", "models/m.yaml", Model + "scope: global\n", "$.scope", "not one of");
        yield return Snippet("model name with capitals", "models/m.yaml", "model: Call\ncolumns: { a: text }\n", "$.model", "lowercase");
        yield return Snippet("missing model name", "models/m.yaml", "columns: { a: text }\n", "$", "missing required key 'model'");
        yield return Snippet("unknown column type", "models/m.yaml", "model: call\ncolumns: { a: string }\n", "$.columns.a", "Unknown column type");
        yield return Snippet("varchar with a scale", "models/m.yaml", "model: call\ncolumns: { a: \"varchar(10,2)\" }\n", "$.columns.a", "Unknown column type");
        yield return Snippet("array of arrays", "models/m.yaml", "model: call\ncolumns: { a: \"text[][]\" }\n", "$.columns.a", "Unknown column type");
        yield return Snippet("column without type", "models/m.yaml", "model: call\ncolumns: { a: { nullable: false } }\n", "$.columns.a", "missing required key 'type'");
        yield return Snippet("column name with a dash", "models/m.yaml", "model: call\ncolumns: { call-id: bigint }\n", "$.columns.call-id", "key");
        yield return Snippet("nullable not a boolean", "models/m.yaml", "model: call\ncolumns: { a: { type: text, nullable: maybe } }\n", "$.columns.a.nullable", "maybe");
        yield return Snippet("unknown join type", "models/m.yaml", View + "    join: { org: { on: \"org.id = contact.org_id\", type: outer } }\n    columns: { a: id }\n", "$.from.crm.join.org.type", "not one of");
        yield return Snippet("join without condition", "models/m.yaml", View + "    join: { org: { type: inner } }\n    columns: { a: id }\n", "$.from.crm.join.org", "missing required key 'on'");
        yield return Snippet("mapping with from and expr", "models/m.yaml", View + "    columns: { a: { from: id, expr: \"1\" } }\n", "$.from.crm.columns.a", "exactly one");
        yield return Snippet("mapping with neither from nor expr", "models/m.yaml", View + "    columns: { a: { round: 2 } }\n", "$.from.crm.columns.a", "missing required key");
        yield return Snippet("negative rounding", "models/m.yaml", View + "    columns: { a: { from: id, round: -1 } }\n", "$.from.crm.columns.a.round", "-1");
        yield return Snippet("mapping without table", "models/m.yaml", "model: call\ncolumns: { a: text }\nfrom: { crm: { columns: { a: id } } }\n", "$.from.crm", "missing required key 'table'");
        yield return Snippet("unknown on_delete", "models/m.yaml", Model + "foreign_keys: [{ columns: [a], references: other, on_delete: delete }]\n", "$.foreign_keys[0].on_delete", "not one of");
        yield return Snippet("foreign key without references", "models/m.yaml", Model + "foreign_keys: [{ columns: [a] }]\n", "$.foreign_keys[0]", "missing required key 'references'");
        yield return Snippet("empty primary key", "models/m.yaml", Model + "primary_key: []\n", "$.primary_key", "at least 1");
        yield return Snippet("unique as a flat list", "models/m.yaml", Model + "unique: [a]\n", "$.unique[0]", "expected array");
        yield return Snippet("unknown index option", "models/m.yaml", Model + "indexes: [{ columns: [a], method: gin }]\n", "$.indexes[0].method", "unknown key 'method'");
        yield return Snippet("seed that is not a CSV", "models/m.yaml", Model + "seed: seeds/regions.txt\n", "$.seed", "does not match");
        yield return Snippet("canonical not a boolean", "models/m.yaml", Model + "canonical: sometimes\n", "$.canonical", "sometimes");
        yield return Snippet("misspelt canonical form", "models/m.yaml", Model + "canonical: tabel\n", "$.canonical", "tabel");
        yield return Snippet("column type with capitals that is no type", "models/m.yaml", "model: call\ncolumns: { call_id: Nonsense }\n", "$.columns.call_id", "Unknown column type");
        yield return Snippet("long-form column type that is no type", "models/m.yaml", "model: call\ncolumns: { call_id: { type: BIGINTEGER, nullable: false } }\n", "$.columns.call_id.type", "Unknown column type");

        yield return Snippet("tenant id with capitals and a dash", "tenants.yaml", "tenants:\n  - id: Bad-Tenant\n", "$.tenants[0].id", "lowercase");
        yield return Snippet("tenant id injecting SQL", "tenants.yaml", "tenants:\n  - id: \"x'; drop schema public cascade; --\"\n", "$.tenants[0].id", "lowercase");
        yield return Snippet("tenant id over 63 bytes", "tenants.yaml", "tenants:\n  - id: " + new string('a', 64) + "\n", "$.tenants[0].id", "at most 63");
        yield return Snippet("tenant without id", "tenants.yaml", "tenants:\n  - name: Acme\n", "$.tenants[0]", "missing required key 'id'");
        yield return Snippet("registry without tenants", "tenants.yaml", "defaults: { enabled: true }\n", "$", "missing required key 'tenants'");
        yield return Snippet("tenants as a mapping", "tenants.yaml", "tenants: { acme: {} }\n", "$.tenants", "expected array");
        yield return Snippet("unknown tenant key", "tenants.yaml", "tenants:\n  - id: acme\n    enable: false\n", "$.tenants[0].enable", "unknown key 'enable'");
        yield return Snippet("priority not a number", "tenants.yaml", "tenants:\n  - id: acme\n    priority: high\n", "$.tenants[0].priority", "high");
        yield return Snippet("enabled not a boolean", "tenants.yaml", "tenants:\n  - id: acme\n    enabled: maybe\n", "$.tenants[0].enabled", "maybe");
        yield return Snippet("sources not a list", "tenants.yaml", "tenants:\n  - id: acme\n    sources: outreach\n", "$.tenants[0].sources", "expected array");
        yield return Snippet("attribute type with capitals that is no type", "tenants.yaml", "attributes: { region: Nonsense }\ntenants: []\n", "$.attributes.region", "Unknown column type");
        yield return Snippet("database key not a name", "tenants.yaml", "defaults: { database: \"host=db1\" }\ntenants: []\n", "$.defaults.database", "lowercase");
        // A list is the value of an array-typed attribute (the schema cannot see types); a mapping, or a list of lists, is never a value.
        yield return Snippet("attribute value as a mapping", "tenants.yaml", "tenants:\n  - id: acme\n    attributes: { region: { code: eu } }\n", "$.tenants[0].attributes.region", "is a mapping");
        yield return Snippet("attribute value as a list of lists", "tenants.yaml", "tenants:\n  - id: acme\n    attributes: { plants: [[1, 2]] }\n", "$.tenants[0].attributes.plants[0]", "is a list");

        yield return Snippet("source without tables", "sources/s.yaml", "source: crm\n", "$", "missing required key 'tables'");
        yield return Snippet("source table without columns", "sources/s.yaml", "source: crm\ntables: { call: {} }\n", "$.tables.call", "missing required key 'columns'");
        yield return Snippet("unknown source column type", "sources/s.yaml", "source: crm\ntables: { call: { columns: { id: txt } } }\n", "$.tables.call.columns.id", "Unknown column type");
        yield return Snippet("source column type with capitals that is no type", "sources/s.yaml", "source: crm\ntables: { call: { columns: { id: Nonsense } } }\n", "$.tables.call.columns.id", "Unknown column type");
        yield return Snippet("source schema without <tenant>", "sources/s.yaml", "source: crm\nschema: raw_crm\ntables: { call: { columns: { id: bigint } } }\n", "$.schema", "<tenant>");

        yield return Snippet("naming pattern without <tenant>", "tenantmodels.yaml", "naming: { raw_schema: \"raw_<source>\" }\n", "$.naming.raw_schema", "<tenant>");
        yield return Snippet("naming pattern with a dash", "tenantmodels.yaml", "naming: { staging_schema: \"<tenant>-stg\" }\n", "$.naming.staging_schema", "<tenant>");
        yield return Snippet("unknown naming key", "tenantmodels.yaml", "naming: { raw: \"<tenant>_raw\" }\n", "$.naming.raw", "unknown key 'raw'");
        yield return Snippet("canonical schema not a name", "tenantmodels.yaml", "canonical_schema: Canonical\n", "$.canonical_schema", "lowercase");
    }

    [TestMethod]
    [DynamicData(nameof(InvalidSnippets))]
    public void Invalid_snippet_fails_at_the_offending_path(string what, string relativePath, string yaml, string path, string message)
    {
        var result = Evaluators.Value[DefinitionFileLayout.KindOf(relativePath)].Evaluate(yaml);
        var all = what + ":\n" + string.Join("\n", result.Errors);
        Assert.IsFalse(result.IsValid, what + " passes the schema");
        Assert.IsTrue(result.Errors.Any(e => e.Location == SchemaEvaluator.Pointer(path)), $"expected an error at {path}; got {all}");

        // The editor's wording (the subset validator reports what a YAML extension shows, with positions).
        var subset = Validators.Value[DefinitionFileLayout.KindOf(relativePath)].Validate(YamlSchemaValidator.Parse(yaml));
        var messages = string.Join("\n", subset.Errors);
        Assert.IsTrue(subset.Errors.Any(e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)), $"expected a message at {path} containing '{message}'; got {messages}");
        Assert.IsTrue(subset.Errors.All(e => e.Line >= 1 && e.Column >= 1), messages);
    }

    [TestMethod]
    public void Kitchen_sink_project_compiles_and_matches_the_schemas()
    {
        var compiled = ModelProjectCompiler.Compile(KitchenSinkProject.Input(KitchenSinkProject.Files));
        Assert.AreEqual(0, compiled.Diagnostics.Count, string.Join("\n", compiled.Diagnostics));
        foreach (var file in KitchenSinkProject.Files.Where(f => SchemaFiles.ContainsKey(DefinitionFileLayout.KindOf(f.RelativePath))))
        {
            var result = Evaluators.Value[DefinitionFileLayout.KindOf(file.RelativePath)].Evaluate(file.Text);
            Assert.IsTrue(result.IsValid, file.RelativePath + ":\n" + string.Join("\n", result.Errors));
        }
    }

    /// <summary>Schema ⊆ parser: the kitchen sink, which compiles cleanly, writes every key of every object schema.</summary>
    [TestMethod]
    [DynamicData(nameof(Schemas))]
    public void Every_key_the_schema_allows_is_accepted_by_the_parser(string schemaFile)
    {
        var kind = SchemaFiles.Single(kv => kv.Value == schemaFile).Key;
        var validator = Validators.Value[kind];
        var used = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in KitchenSinkProject.Files.Where(f => DefinitionFileLayout.KindOf(f.RelativePath) == kind))
        {
            foreach (var visit in validator.Validate(YamlSchemaValidator.Parse(file.Text)).Objects)
            {
                if (!used.TryGetValue(visit.SchemaPointer, out var keys))
                {
                    used[visit.SchemaPointer] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.UnionWith(visit.Node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!));
            }
        }

        var missing = new List<string>();
        foreach (var (pointer, schema) in Subschemas(validator.Root, "#").Where(s => s.Schema.TryGetProperty("properties", out _)))
        {
            var declared = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            var written = used.TryGetValue(pointer, out var keys) ? keys : new HashSet<string>();
            missing.AddRange(declared.Where(d => !written.Contains(d)).Select(d => $"{pointer}: {d}"));
        }

        Assert.AreEqual(0, missing.Count, "the kitchen sink project never writes (so never compiles) these schema keys:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Parser ⊆ schema: an unknown key added to each mapping of the kitchen sink gets TM1002 from the compiler, whose
    /// "expected one of" list (the parser's allowed keys there) must equal the schema's properties, and a schema error there.
    /// </summary>
    [TestMethod]
    public void Every_key_the_parser_accepts_is_in_the_schema_and_no_other()
    {
        var failures = new List<string>();
        var checkedLocations = 0;
        foreach (var file in KitchenSinkProject.Files.Where(f => SchemaFiles.ContainsKey(DefinitionFileLayout.KindOf(f.RelativePath))))
        {
            var validator = Validators.Value[DefinitionFileLayout.KindOf(file.RelativePath)];
            foreach (var visit in validator.Validate(YamlSchemaValidator.Parse(file.Text)).Objects)
            {
                checkedLocations++;
                var where = $"{file.RelativePath}({visit.Node.Start.Line},{visit.Node.Start.Column}) [{visit.SchemaPointer}]";
                var mutated = WithUnknownKey(file.Text, visit.Node.Start);
                var files = KitchenSinkProject.Files.Select(f => f.RelativePath == file.RelativePath ? f with { Text = mutated } : f).ToList();
                var unknown = ModelProjectCompiler.Compile(KitchenSinkProject.Input(files)).Diagnostics
                    .Where(d => d.Code == "TM1002" && d.Message.Contains($"'{UnknownKey}'", StringComparison.Ordinal)).ToList();
                if (unknown.Count != 1)
                {
                    failures.Add($"{where}: expected one TM1002 for '{UnknownKey}', got {unknown.Count}");
                    continue;
                }

                var message = unknown[0].Message;
                var parserKeys = message.Substring(message.LastIndexOf("expected one of: ", StringComparison.Ordinal) + "expected one of: ".Length)
                    .Split(", ").OrderBy(k => k, StringComparer.Ordinal).ToList();
                var schemaKeys = validator.Resolve(visit.SchemaPointer).GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal).ToList();
                if (!parserKeys.SequenceEqual(schemaKeys))
                {
                    failures.Add($"{where}: parser accepts [{string.Join(", ", parserKeys)}], schema allows [{string.Join(", ", schemaKeys)}]");
                }

                var errors = validator.Validate(YamlSchemaValidator.Parse(mutated)).Errors;
                if (!errors.Any(e => e.Path.EndsWith("." + UnknownKey, StringComparison.Ordinal) && e.Message.Contains("unknown key", StringComparison.Ordinal)))
                {
                    failures.Add($"{where}: the schema does not reject '{UnknownKey}': " + string.Join("; ", errors));
                }
            }
        }

        Assert.IsTrue(checkedLocations >= 20, $"only {checkedLocations} mappings checked");
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    [TestMethod]
    public void Validator_types_scalars_like_the_yaml_extension()
    {
        string Kind(string yaml) => YamlSchemaValidator.KindOf(YamlSchemaValidator.Parse("v: " + yaml + "\n") is YamlMappingNode m ? m.Children[new YamlScalarNode("v")] : throw new AssertFailedException("not a mapping"));
        Assert.AreEqual("boolean", Kind("true"));
        Assert.AreEqual("string", Kind("yes"));
        Assert.AreEqual("string", Kind("\"true\""));
        Assert.AreEqual("integer", Kind("12"));
        Assert.AreEqual("number", Kind("1.5"));
        Assert.AreEqual("null", Kind("~"));
        Assert.AreEqual("null", Kind(string.Empty));
        Assert.AreEqual("string", Kind("2024-05-01"));
        Assert.AreEqual("string", Kind("numeric(12,2)"));
    }

    /// <summary>
    /// Editors complete a value from a schema's enum and examples: a boolean setting offers true and false, never the
    /// text spellings the parser also takes ("True", "yes"), which stay valid through a pattern no editor proposes.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Schemas))]
    public void Boolean_settings_offer_only_true_and_false(string file)
    {
        var offered = Subschemas(Load(file), "#")
            .Where(s => s.Schema.TryGetProperty("enum", out _))
            .SelectMany(s => s.Schema.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String
                && v.GetString() is "true" or "false" or "True" or "False" or "yes" or "no").Select(v => $"{s.Pointer}: \"{v.GetString()}\""))
            .ToList();

        Assert.AreEqual(0, offered.Count, string.Join("\n", offered));
    }

    /// <summary>
    /// yaml-language-server names each alternative of an anyOf/oneOf in its "Incorrect type. Expected ..." message and
    /// on hover: an object or list alternative without a title of its own is named after the file's title
    /// ("object(TenantModels model (models/*.yaml))"), so each one has a short title listing its keys.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Schemas))]
    public void Object_and_list_alternatives_have_titles(string file)
    {
        var untitled = Subschemas(Load(file), "#")
            .SelectMany(s => new[] { "anyOf", "oneOf" }
                .Where(k => s.Schema.TryGetProperty(k, out _))
                .SelectMany(k => s.Schema.GetProperty(k).EnumerateArray().Select((branch, i) => (Pointer: $"{s.Pointer}/{k}/{i}", Branch: branch))))
            .Where(b => b.Branch.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "object" or "array")
            .Where(b => !b.Branch.TryGetProperty("title", out _))
            .Select(b => b.Pointer)
            .ToList();

        Assert.AreEqual(0, untitled.Count, string.Join("\n", untitled));
    }

    /// <summary>
    /// An editor labels a completion from an example with the example's text: an object shows as "[object Object]", so
    /// objects are snippets with a label (the document's own examples are never offered as a value).
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Schemas))]
    public void Completions_have_readable_labels(string file)
    {
        var problems = new List<string>();
        foreach (var (pointer, schema) in Subschemas(Load(file), "#").Where(s => s.Pointer != "#"))
        {
            if (schema.TryGetProperty("examples", out var examples) && examples.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
            {
                problems.Add($"{pointer}: an object in examples");
            }

            if (schema.TryGetProperty("defaultSnippets", out var snippets))
            {
                problems.AddRange(snippets.EnumerateArray()
                    .Where(s => !s.TryGetProperty("label", out var label) || string.IsNullOrWhiteSpace(label.GetString()) || !s.TryGetProperty("body", out _))
                    .Select(_ => $"{pointer}: a snippet without a label or a body"));
            }
        }

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    /// <summary>The parser reads types whatever their case, so the schema's type pattern does too (with no other way in).</summary>
    [TestMethod]
    public void Column_types_in_any_case_match_like_the_parser_reads_them()
    {
        const string Yaml = "model: call\ncolumns: { a: BIGINT, b: Double Precision, c: \"VARCHAR(10)[]\", d: TimeStamp With Time Zone }\n";
        var result = Evaluators.Value[DefinitionFileKind.Model].Evaluate(Yaml);
        Assert.IsTrue(result.IsValid, string.Join("\n", result.Errors));
        var compiled = ModelProjectCompiler.Compile(KitchenSinkProject.Input(new[] { new DefinitionFile("models/call.yaml", "models/call.yaml", Yaml) }));
        Assert.IsFalse(compiled.Diagnostics.Any(d => d.Code == "TM1025"), string.Join("\n", compiled.Diagnostics));
    }

    /// <summary><c>canonical: tabel</c> is refused with the values it can take, each described.</summary>
    [TestMethod]
    public void Canonical_lists_its_values_with_descriptions()
    {
        var canonical = Load("model.schema.json").GetProperty("properties").GetProperty("canonical");
        var choices = canonical.GetProperty("anyOf").EnumerateArray().Single(s => s.TryGetProperty("enum", out _));

        CollectionAssert.AreEqual(new[] { "True", "False", "view", "table" }, choices.GetProperty("enum").EnumerateArray().Select(v => v.ToString()).ToArray());
        Assert.AreEqual(4, choices.GetProperty("enumDescriptions").EnumerateArray().Count(d => d.GetString()!.Length > 10));
        StringAssert.Contains(canonical.GetProperty("errorMessage").GetString(), "table");
    }

    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaDirectory, file)));
        return document.RootElement.Clone();
    }

    private static object[] Snippet(string what, string relativePath, string yaml, string path, string message) =>
        new object[] { what, relativePath, yaml, path, message };

    /// <summary>Every YAML file of every golden case with the TM codes its expected diagnostics report for it.</summary>
    private static IEnumerable<(string Case, string RelativePath, IReadOnlyList<string> Codes)> CaseFiles()
    {
        var casesRoot = RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Cases");
        foreach (var directory in Directory.GetDirectories(casesRoot).OrderBy(d => d, StringComparer.Ordinal))
        {
            var expected = Path.Combine(directory, "expected", "diagnostics.verified.txt");
            var diagnostics = File.Exists(expected) ? File.ReadAllText(expected) : string.Empty;
            var blamed = DiagnosticLine.Matches(diagnostics).Select(m => (Path: m.Groups["path"].Value, Code: m.Groups["code"].Value)).ToList();
            foreach (var path in Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                var relative = ProjectInput.Relative(directory, path);
                if (!relative.StartsWith("expected/", StringComparison.Ordinal) && SchemaFiles.ContainsKey(DefinitionFileLayout.KindOf(relative)))
                {
                    var codes = blamed.Where(b => b.Path == relative).Select(b => b.Code).Distinct().ToList();
                    if (!codes.Contains("TM1001"))
                    {
                        yield return (Path.GetFileName(directory), relative, codes);
                    }
                }
            }
        }
    }

    /// <summary>Every subschema with the JSON pointer the validator reports for it.</summary>
    private static IEnumerable<(string Pointer, JsonElement Schema)> Subschemas(JsonElement schema, string pointer)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        yield return (pointer, schema);
        foreach (var map in new[] { "properties", "definitions", "$defs" })
        {
            if (schema.TryGetProperty(map, out var children))
            {
                foreach (var child in children.EnumerateObject())
                {
                    foreach (var inner in Subschemas(child.Value, $"{pointer}/{map}/{child.Name.Replace("~", "~0").Replace("/", "~1")}"))
                    {
                        yield return inner;
                    }
                }
            }
        }

        foreach (var single in new[] { "items", "additionalProperties", "propertyNames" })
        {
            if (schema.TryGetProperty(single, out var child))
            {
                foreach (var inner in Subschemas(child, $"{pointer}/{single}"))
                {
                    yield return inner;
                }
            }
        }

        foreach (var list in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(list, out var children))
            {
                var i = 0;
                foreach (var child in children.EnumerateArray())
                {
                    foreach (var inner in Subschemas(child, $"{pointer}/{list}/{i++}"))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static void CheckSubschema(YamlSchemaValidator validator, string pointer, JsonElement schema, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name))
        {
            if (!YamlSchemaValidator.AnnotationKeywords.Contains(keyword) && !YamlSchemaValidator.AssertionKeywords.Contains(keyword))
            {
                problems.Add($"{pointer}: keyword '{keyword}' is outside the supported subset");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            try
            {
                validator.Resolve(reference.GetString()!);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{pointer}: {e.Message}");
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                problems.Add($"{pointer}: an object with fixed keys must say additionalProperties: false (the parsers reject unknown keys)");
            }

            foreach (var property in properties.EnumerateObject())
            {
                if (string.IsNullOrWhiteSpace(DescriptionOf(validator, property.Value)))
                {
                    problems.Add($"{pointer}/properties/{property.Name}: no description");
                }
            }
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            try
            {
                _ = new Regex(pattern.GetString()!, RegexOptions.ECMAScript);
            }
            catch (ArgumentException e)
            {
                problems.Add($"{pointer}: pattern is not an ECMAScript regex: {e.Message}");
            }
        }

        // Examples and defaults are shown by editors (hover, completion): each must itself be valid. JSON is YAML.
        var samples = new List<(string What, JsonElement Value)>();
        if (schema.TryGetProperty("examples", out var examples))
        {
            samples.AddRange(examples.EnumerateArray().Select(e => ("example", e)));
        }

        if (schema.TryGetProperty("default", out var defaultValue))
        {
            samples.Add(("default", defaultValue));
        }

        foreach (var (what, value) in samples)
        {
            var node = YamlSchemaValidator.Parse("v: " + value.GetRawText() + "\n") is YamlMappingNode mapping ? mapping.Children[new YamlScalarNode("v")] : null;
            var result = node is null ? null : validator.Validate(schema, pointer, node);
            if (result is null || !result.IsValid)
            {
                problems.Add($"{pointer}: {what} {value.GetRawText()} is invalid: " + string.Join("; ", result?.Errors ?? new List<SchemaError>()));
            }
        }
    }

    private static string? DescriptionOf(YamlSchemaValidator validator, JsonElement schema)
    {
        if (schema.TryGetProperty("description", out var description))
        {
            return description.GetString();
        }

        return schema.TryGetProperty("$ref", out var reference) ? DescriptionOf(validator, validator.Resolve(reference.GetString()!)) : null;
    }

    private static string WithUnknownKey(string text, YamlDotNet.Core.Mark at)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var target = stream.Documents[0].RootNode.AllNodes.OfType<YamlMappingNode>().Single(n => n.Start.Line == at.Line && n.Start.Column == at.Column);
        target.Add(UnknownKey, "1");
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
