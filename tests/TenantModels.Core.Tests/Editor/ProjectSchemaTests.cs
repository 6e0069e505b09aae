using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Editor;
using TenantModels.Core.Parsing;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Tests.SchemaSupport;
using TenantModels.Testing;

namespace TenantModels.Core.Tests.Editor;

/// <summary>
/// The project-specific editor schemas (docs/editors.md): the generic schema of each kind of file plus the project's
/// names. Judged by JsonSchema.Net like the generic ones: every sample passes its own, and a reference to a name the
/// project does not define fails where it is written.
/// </summary>
[TestClass]
public sealed class ProjectSchemaTests
{
    private static readonly string GenericDirectory = RepoPaths.Combine("sdk", "TenantModels.Sdk", "schemas");
    private static readonly string PlaceholderDirectory = Path.Combine(GenericDirectory, ProjectSchemas.FolderName);

    public static IEnumerable<object[]> Samples() =>
        Directory.GetDirectories(RepoPaths.Combine("samples"))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0 && DefinitionFileLayout.Enumerate(d).Any())
            .OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => new object[] { Path.GetFileName(d) });

    [TestMethod]
    public void The_sdk_ships_the_schemas_of_a_project_without_names_as_placeholders()
    {
        var expected = ProjectSchemas.Render(ProjectNames.Empty);
        if (GoldenFile.Accepting)
        {
            Directory.CreateDirectory(PlaceholderDirectory);
            foreach (var file in expected)
            {
                File.WriteAllText(Path.Combine(PlaceholderDirectory, file.Key), file.Value);
            }
        }

        CollectionAssert.AreEquivalent(expected.Select(f => f.Key).ToList(), Directory.GetFiles(PlaceholderDirectory).Select(Path.GetFileName).ToList());
        foreach (var file in expected)
        {
            Assert.AreEqual(file.Value, File.ReadAllText(Path.Combine(PlaceholderDirectory, file.Key)), $"{file.Key}: run with {GoldenFile.AcceptVariable}=1 to rewrite the placeholders");
        }
    }

    [TestMethod]
    public void CallAnalytics_model_schema_lists_its_names()
    {
        var model = Render("CallAnalytics")["model.schema.json"];
        GoldenFile.Verify(model, RepoPaths.Combine("tests", "TenantModels.Core.Tests", "Editor", "CallAnalytics.model.schema.verified.json"));
    }

    [TestMethod]
    public void Output_does_not_depend_on_file_order()
    {
        var files = Files("CallAnalytics");
        var forward = ProjectSchemas.Render(Names(files));
        var backward = ProjectSchemas.Render(Names(files.AsEnumerable().Reverse().ToList()));
        CollectionAssert.AreEqual(forward.ToList(), backward.ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Samples))]
    public void Every_definition_file_of_a_sample_passes_its_project_schema(string sample)
    {
        var schemas = Render(sample);
        foreach (var file in Files(sample))
        {
            var schemaFile = SchemaFileOf(file.RelativePath);
            if (schemaFile is null)
            {
                continue;
            }

            var (valid, errors) = Evaluate(schemas[schemaFile], schemaFile, file.Text);
            Assert.IsTrue(valid, $"samples/{sample}/{file.RelativePath}:\n" + string.Join("\n", errors));
        }
    }

    [TestMethod]
    [DataRow("models/call.yaml", "canonical: true", "canonical: true\nprimary_key: [call_id, call_idd]", "/primary_key/1")]
    [DataRow("models/call.yaml", "canonical: true", "canonical: { form: table, watermark: created }", "/canonical/watermark")]
    [DataRow("models/call.yaml", "  salesloft:", "  hubspot:\n    table: call\n    columns: { call_id: id }\n  salesloft:", "/from/hubspot")]
    [DataRow("models/call.yaml", "    table: call\n    join:", "    table: calls\n    join:", "/from/outreach/table")]
    [DataRow("models/call.yaml", "      call_disposition: \"call", "      dispositions: \"call", "/from/outreach/join/dispositions")]
    [DataRow("models/call.yaml", "      user_id: relationship_user_id", "      user: relationship_user_id", "/from/outreach/columns/user")]
    [DataRow("tenants.yaml", "sources: [salesloft]", "sources: [salesloft, hubspot]", "/tenants/1/sources/1")]
    public void A_name_the_project_does_not_define_fails_where_it_is_written(string relativePath, string old, string replacement, string location)
    {
        var schemaFile = SchemaFileOf(relativePath)!;
        var original = File.ReadAllText(RepoPaths.Combine("samples", "CallAnalytics", relativePath)).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.IsTrue(original.Contains(old, StringComparison.Ordinal), old);
        var (valid, errors) = Evaluate(Render("CallAnalytics")[schemaFile], schemaFile, original.Replace(old, replacement, StringComparison.Ordinal));
        Assert.IsFalse(valid);
        Assert.IsTrue(errors.Any(e => e.Location == location), $"expected an error at {location}:\n" + string.Join("\n", errors));
    }

    [TestMethod]
    public void Foreign_keys_and_relationship_tests_name_models_and_their_columns()
    {
        var files = new List<DefinitionFile>
        {
            new("/p/models/org.yaml", "models/org.yaml", "model: org\nmaterialized: table\ncolumns: { id: bigint, name: text }\n"),
            new("/p/models/contact.yaml", "models/contact.yaml", "model: contact\nmaterialized: table\ncolumns: { id: bigint, org_id: bigint }\n"),
        };
        var schema = ProjectSchemas.Render(Names(files)).Single(f => f.Key == "model.schema.json").Value;
        const string Valid = "model: contact\nmaterialized: table\ncolumns:\n  id: bigint\n  org_id:\n    type: bigint\n    tests: [{ relationships: { to: org, column: id } }]\nforeign_keys: [{ columns: [org_id], references: org, to: [id] }]\n";
        Assert.IsTrue(Evaluate(schema, "model.schema.json", Valid).IsValid, string.Join("\n", Evaluate(schema, "model.schema.json", Valid).Errors));

        foreach (var (mistake, location) in new[]
        {
            (Valid.Replace("references: org", "references: orgs", StringComparison.Ordinal), "/foreign_keys/0/references"),
            (Valid.Replace("to: [id]", "to: [org_id]", StringComparison.Ordinal), "/foreign_keys/0/to/0"),
            (Valid.Replace("columns: [org_id]", "columns: [organization_id]", StringComparison.Ordinal), "/foreign_keys/0/columns/0"),
            (Valid.Replace("to: org,", "to: orgs,", StringComparison.Ordinal), "/columns/org_id/tests/0/relationships/to"),
            (Valid.Replace("column: id }", "column: org_id }", StringComparison.Ordinal), "/columns/org_id/tests/0/relationships/column"),
        })
        {
            var (valid, errors) = Evaluate(schema, "model.schema.json", mistake);
            Assert.IsFalse(valid, mistake);
            Assert.IsTrue(errors.Any(e => e.Location == location), $"expected an error at {location}:\n" + string.Join("\n", errors));
        }
    }

    [TestMethod]
    public void Waves_name_the_registry_s_tenants()
    {
        var files = new List<DefinitionFile> { new("/p/tenants.yaml", "tenants.yaml", "tenants:\n  - id: acme\n  - id: globex\n") };
        var schema = ProjectSchemas.Render(Names(files)).Single(f => f.Key == "tenantmodels.schema.json").Value;
        Assert.IsTrue(Evaluate(schema, "tenantmodels.schema.json", "waves:\n  - name: canary\n    tenants: [acme]\n").IsValid);
        var (valid, errors) = Evaluate(schema, "tenantmodels.schema.json", "waves:\n  - name: canary\n    tenants: [acme, initech]\n");
        Assert.IsFalse(valid);
        Assert.IsTrue(errors.Any(e => e.Location == "/waves/0/tenants/1"), string.Join("\n", errors));
    }

    [TestMethod]
    public void Write_leaves_unchanged_files_alone_and_stamps_the_folder()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tm-project-schemas-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = Files("CallAnalytics");
            ProjectSchemas.Write(files, directory);
            var model = Path.Combine(directory, "model.schema.json");
            var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(model, written);
            ProjectSchemas.Write(files, directory);
            Assert.AreEqual(written, File.GetLastWriteTimeUtc(model));
            Assert.IsTrue(File.Exists(Path.Combine(directory, ProjectSchemas.StampFileName)));
            Assert.AreEqual(Render("CallAnalytics")["model.schema.json"], File.ReadAllText(model));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> Render(string sample) =>
        ProjectSchemas.Render(Names(Files(sample))).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    private static ProjectNames Names(IReadOnlyList<DefinitionFile> files) => ProjectNames.From(DefinitionParser.Parse(files, new DiagnosticBag()));

    private static List<DefinitionFile> Files(string sample)
    {
        var root = RepoPaths.Combine("samples", sample);
        return DefinitionFileLayout.Enumerate(root)
            .Select(p => new DefinitionFile(p, ProjectInput.Relative(root, p), File.ReadAllText(p)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    private static string? SchemaFileOf(string relativePath) => DefinitionFileLayout.KindOf(relativePath) switch
    {
        DefinitionFileKind.ProjectSettings => "tenantmodels.schema.json",
        DefinitionFileKind.Tenants => "tenants.schema.json",
        DefinitionFileKind.Source => "source.schema.json",
        DefinitionFileKind.Model => "model.schema.json",
        _ => null,
    };

    /// <summary>Evaluates YAML against a project schema placed where the build writes it: in project/ beside the generic schemas.</summary>
    private static (bool IsValid, IReadOnlyList<(string Location, string Message)> Errors) Evaluate(string projectSchema, string fileName, string yaml)
    {
        var genericPath = Path.Combine(GenericDirectory, fileName);
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var generic = JsonSchema.FromText(File.ReadAllText(genericPath), build, new Uri(genericPath));
        if (build.SchemaRegistry.Get(new Uri(genericPath)) is null)
        {
            build.SchemaRegistry.Register(new Uri(genericPath), generic);
        }

        var schema = JsonSchema.FromText(projectSchema, build, new Uri(Path.Combine(PlaceholderDirectory, fileName)));
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        var results = schema.Evaluate(YamlJson.Of(yaml), options);
        var errors = (results.Details ?? new List<EvaluationResults>()).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (d.InstanceLocation.ToString(), $"{e.Key}: {e.Value}")))
            .Distinct()
            .ToList();
        return (results.IsValid, errors);
    }
}
