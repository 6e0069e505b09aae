using System.IO;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Editor.Tests;

/// <summary>docs/editors.md says a project from `dotnet new tenantmodels` already has its VS Code settings: the same ones.</summary>
[TestClass]
public sealed class EditorSettingsTests
{
    [TestMethod]
    public void The_template_writes_the_settings_the_docs_give()
    {
        var template = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("src", "TenantModels.Templates", "content", "tenantmodels", ".vscode", "settings.json")));
        Assert.IsTrue(JsonNode.DeepEquals(EditorSettings.FromDocs(), template), template!.ToJsonString());
    }

    [TestMethod]
    public void The_settings_point_at_the_project_schemas()
    {
        foreach (var (schema, _) in (JsonObject)EditorSettings.FromDocs()["yaml.schemas"]!)
        {
            StringAssert.StartsWith(schema, "./obj/tenantmodels/schemas/project/");
        }
    }
}
