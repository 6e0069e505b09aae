using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenantModels.Testing;

namespace TenantModels.Editor.Tests;

/// <summary>The VS Code settings docs/editors.md tells users to write, read from the page itself so the test follows the docs.</summary>
internal static class EditorSettings
{
    public static JsonObject FromDocs()
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "editors.md"));
        var block = Regex.Matches(page, "```json\\s*\\n(?<body>.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups["body"].Value)
            .FirstOrDefault(b => b.Contains("\"yaml.schemas\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("docs/editors.md has no ```json block with \"yaml.schemas\"");
        return JsonNode.Parse(block)!.AsObject();
    }
}
