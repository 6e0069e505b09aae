using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Diagnostics;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class DiagnosticDocumentationTests
{
    [TestMethod]
    public void Docs_list_every_code_with_its_title()
    {
        var doc = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md"));
        var descriptors = new[] { typeof(DefinitionDiagnostics), typeof(CompileDiagnostics), typeof(RunnerDiagnostics) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
        foreach (var d in descriptors)
        {
            StringAssert.Contains(doc, $"| {d.Code} | {d.Title} |", $"docs/diagnostics.md lacks {d.Code}");
        }
    }
}
