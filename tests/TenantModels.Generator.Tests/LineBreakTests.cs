using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Generator.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Generator.Tests;

/// <summary>The generator's spans after NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR and CR: the line and column the build reports, over the word at fault.</summary>
[TestClass]
public sealed class LineBreakTests
{
    public static IEnumerable<object[]> Inputs() => LineBreakDefinitions.All.Select(i => new object[] { i });

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Span_after_an_unusual_line_break_is_where_an_editor_shows_it(LineBreakDefinitions.Input input)
    {
        var project = GoldenTests.Sample().With(LineBreakDefinitions.RelativePath, input.Text);
        project.ReportDiagnostics = true;

        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));

        Assert.IsNull(result.Exception, result.Exception?.ToString());
        var diagnostic = result.Diagnostics.Single(d => d.Location.GetLineSpan().Path == project.PathOf(LineBreakDefinitions.RelativePath));
        Assert.AreEqual("TM1025", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.AreEqual((input.Line - 1, input.Column - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character), "0-based line and column");
        Assert.AreEqual((input.Line - 1, input.Column + 3), (span.EndLinePosition.Line, span.EndLinePosition.Character), "the span ends after 'txet'");
        Assert.AreEqual("txet", input.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
