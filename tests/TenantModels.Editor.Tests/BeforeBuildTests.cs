using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Editor.Tests;

/// <summary>
/// A project nobody has built yet, opened in an editor set up as docs/editors.md says: the generic schemas already
/// complete, describe and check every definition file.
/// </summary>
[TestClass]
public sealed class BeforeBuildTests
{
    private static EditorSession? _session;

    private static SampleProject Project => _session!.Project;

    private static YamlLanguageServer Server => _session!.Server;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _session = await EditorSession.StartAsync("tm-editor-before", build: false);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Every_definition_file_loads_its_schema_and_passes_it()
    {
        foreach (var file in new[] { "tenantmodels.yaml", "tenants.yaml", "sources/outreach.yaml", "models/call.yaml" })
        {
            var diagnostics = await Server.OpenAsync(Project.File(file));
            Assert.AreEqual(0, diagnostics.Count, $"{file}: {string.Join("; ", diagnostics)}");
        }
    }

    [TestMethod]
    public async Task A_misspelt_canonical_form_is_flagged_on_its_line_naming_view_and_table()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "canonical: true", "canonical: tabel");
        var diagnostics = await Server.ShowAsync(path, text);
        var line = Document.Of(text, "canonical: tabel").Line;
        var onLine = diagnostics.Where(d => d.Line == line).ToList();
        Assert.AreEqual(1, onLine.Count, string.Join("; ", diagnostics));
        StringAssert.Contains(onLine[0].Message, "view", onLine[0].ToString());
        StringAssert.Contains(onLine[0].Message, "table", onLine[0].ToString());
        Assert.IsFalse(onLine[0].Message.Contains("object(", StringComparison.Ordinal), onLine[0].ToString());
    }

    [TestMethod]
    public async Task A_column_without_a_type_names_its_two_forms_not_the_file()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "call_created_at: timestamp", "call_created_at:");
        var diagnostics = await Server.ShowAsync(path, text);
        var line = Document.Of(text, "call_created_at:").Line;
        var onLine = diagnostics.Where(d => d.Line == line).ToList();
        Assert.AreEqual(1, onLine.Count, string.Join("; ", diagnostics));
        // The object form is named by its keys, not by the title of the whole file ("object(TenantModels model ...)").
        StringAssert.Contains(onLine[0].Message, "{ type, nullable", onLine[0].ToString());
        Assert.IsFalse(onLine[0].Message.Contains("TenantModels model", StringComparison.Ordinal), onLine[0].ToString());
    }

    [TestMethod]
    public async Task Materialized_completes_its_three_values()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "materialized: view", "materialized: ");
        await Server.ShowAsync(path, text);
        var (line, character) = Document.After(text, "materialized: ");
        var labels = (await Server.CompleteAsync(path, line, character)).Select(c => c.Label).ToList();
        CollectionAssert.AreEquivalent(new[] { "view", "table", "materialized_view" }, labels, string.Join(", ", labels));
    }

    [TestMethod]
    public async Task Nullable_completes_true_and_false_only()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "call_created_at: timestamp", "call_created_at: { type: timestamp, nullable: }");
        await Server.ShowAsync(path, text);
        var (line, character) = Document.After(text, "nullable: ");
        var labels = (await Server.CompleteAsync(path, line, character)).Select(c => c.Label).ToList();
        CollectionAssert.AreEquivalent(new[] { "true", "false" }, labels, string.Join(", ", labels));
    }

    [TestMethod]
    public async Task Type_completion_offers_type_names_and_no_object()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "call_created_at: timestamp", "call_created_at: ");
        await Server.ShowAsync(path, text);
        var (line, character) = Document.After(text, "call_created_at: ");
        var labels = (await Server.CompleteAsync(path, line, character)).Select(c => c.Label).ToList();
        CollectionAssert.Contains(labels, "bigint", string.Join(", ", labels));
        CollectionAssert.Contains(labels, "timestamptz", string.Join(", ", labels));
        Assert.IsFalse(labels.Any(l => l.Contains("[object", StringComparison.Ordinal)), string.Join(", ", labels));
    }

    [TestMethod]
    public async Task Hovering_a_key_shows_its_description()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Read(path);
        await Server.ShowAsync(path, text);
        var (line, character) = Document.Of(text, "scope: tenant");
        var hover = await Server.HoverAsync(path, line, character + 1);
        StringAssert.Contains(hover, "one object per tenant", hover);
    }
}
