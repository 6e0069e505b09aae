using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>Diagnostics after NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR and CR are at the line and column editors show.</summary>
[TestClass]
public sealed class LineBreakTests
{
    public static IEnumerable<object[]> Inputs() => LineBreakDefinitions.All.Select(i => new object[] { i });

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Diagnostic_after_an_unusual_line_break_is_where_an_editor_shows_it(LineBreakDefinitions.Input input)
    {
        var analysis = Analyze(input.Text);

        var reported = analysis.Diagnostics.Where(d => d.Location.Path == LineBreakDefinitions.RelativePath).Select(d => $"{d.Code} ({d.Location.Line},{d.Location.Column})").ToList();
        CollectionAssert.AreEqual(new[] { $"TM1025 ({input.Line},{input.Column})" }, reported, string.Join("\n", analysis.Diagnostics));
    }

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Scalars_keep_the_characters_yaml_1_1_took_for_line_breaks(LineBreakDefinitions.Input input)
    {
        var analysis = Analyze(input.Text.Replace("txet", "text"));

        Assert.IsFalse(analysis.Diagnostics.Any(d => d.Location.Path == LineBreakDefinitions.RelativePath), string.Join("\n", analysis.Diagnostics));
        Assert.AreEqual(input.Description, analysis.Project.Models.Single(m => m.Name == "m").Description);
    }

    private static AnalysisResult Analyze(string text)
    {
        var sample = ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0");
        var files = sample.Files.Append(new DefinitionFile(LineBreakDefinitions.RelativePath, LineBreakDefinitions.RelativePath, text)).ToList();
        return ModelProjectCompiler.Analyze(sample with { Files = files });
    }
}
