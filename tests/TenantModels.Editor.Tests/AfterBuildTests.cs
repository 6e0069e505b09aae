using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Editor.Tests;

/// <summary>
/// The same project after `dotnet build`: the project schemas the build wrote (docs/editors.md) make the editor
/// complete the project's model, column, source, table and tenant names and underline names it does not define.
/// </summary>
[TestClass]
public sealed class AfterBuildTests
{
    private static EditorSession? _session;

    private static SampleProject Project => _session!.Project;

    private static YamlLanguageServer Server => _session!.Server;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _session = await EditorSession.StartAsync("tm-editor-after", build: true);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Every_definition_file_passes_the_project_schema()
    {
        Assert.IsTrue(File.Exists(Project.File("obj/tenantmodels/schemas/project/written-by-build.stamp")), "the build wrote no project schemas");
        foreach (var file in new[] { "tenantmodels.yaml", "tenants.yaml", "sources/outreach.yaml", "sources/salesloft.yaml", "models/call.yaml" })
        {
            var diagnostics = await Server.OpenAsync(Project.File(file));
            Assert.AreEqual(0, diagnostics.Count, $"{file}: {string.Join("; ", diagnostics)}");
        }
    }

    [TestMethod]
    public async Task Primary_key_completes_the_model_s_columns()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "canonical: true", "canonical: true\nprimary_key:\n  - ");
        await Server.ShowAsync(path, text);
        var (line, character) = Document.After(text, "primary_key:\n  - ");
        var labels = (await Server.CompleteAsync(path, line, character)).Select(c => c.Label).ToList();
        CollectionAssert.AreEquivalent(new[] { "call_created_at", "call_disposition_name", "call_id", "user_id" }, labels, string.Join(", ", labels));
    }

    [TestMethod]
    public async Task An_unknown_column_in_the_primary_key_is_flagged_on_its_line()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "canonical: true", "canonical: true\nprimary_key: [call_id, call_idd]");
        var diagnostics = await Server.ShowAsync(path, text);
        var (line, character) = Document.Of(text, "call_idd]");
        Assert.AreEqual(1, diagnostics.Count, string.Join("; ", diagnostics));
        Assert.AreEqual((line, character), (diagnostics[0].Line, diagnostics[0].Character), diagnostics[0].ToString());
        StringAssert.Contains(diagnostics[0].Message, "call_id", diagnostics[0].ToString());
    }

    [TestMethod]
    public async Task A_mapping_target_completes_the_model_s_columns_not_yet_mapped()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "      user_id: relationship_user_id\n", "      \n");
        await Server.ShowAsync(path, text);
        var (line, character) = Document.After(text, "call_created_at: created_at\n      ");
        var labels = (await Server.CompleteAsync(path, line, character)).Select(c => c.Label).ToList();
        CollectionAssert.Contains(labels, "user_id", string.Join(", ", labels));
        CollectionAssert.DoesNotContain(labels, "call_id", string.Join(", ", labels));
    }

    [TestMethod]
    public async Task A_source_s_table_completes_its_tables()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Replace(Document.Read(path), "    table: call\n    join:", "    table: \n    join:");
        await Server.ShowAsync(path, text);
        var (line, character) = Document.After(text, "    table: ");
        var labels = (await Server.CompleteAsync(path, line, character)).Select(c => c.Label).ToList();
        CollectionAssert.AreEquivalent(new[] { "call", "call_disposition" }, labels, string.Join(", ", labels));
    }

    [TestMethod]
    public async Task An_unknown_source_of_a_tenant_is_flagged_on_its_line()
    {
        var path = Project.File("tenants.yaml");
        var text = Document.Replace(Document.Read(path), "sources: [salesloft]", "sources: [salesloft, hubspot]");
        var diagnostics = await Server.ShowAsync(path, text);
        var line = Document.Of(text, "hubspot").Line;
        Assert.AreEqual(1, diagnostics.Count, string.Join("; ", diagnostics));
        Assert.AreEqual(line, diagnostics[0].Line, diagnostics[0].ToString());
        StringAssert.Contains(diagnostics[0].Message, "outreach", diagnostics[0].ToString());
    }

    [TestMethod]
    public async Task Hovering_a_key_still_shows_the_generic_description()
    {
        var path = Project.File("models/call.yaml");
        var text = Document.Read(path);
        await Server.ShowAsync(path, text);
        var (line, character) = Document.Of(text, "scope: tenant");
        var hover = await Server.HoverAsync(path, line, character + 1);
        StringAssert.Contains(hover, "one object per tenant", hover);
    }
}
