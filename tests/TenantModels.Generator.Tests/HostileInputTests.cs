using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Generator.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Generator.Tests;

/// <summary>
/// The generator runs inside the compiler and the IDE, where a stack overflow kills the process: files built to
/// crash a YAML loader must end in the TMxxxx diagnostic the build reports, located in the file, and no exception.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    public static IEnumerable<object[]> Inputs() => HostileDefinitions.All.Select(i => new object[] { i });

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Generator_reports_a_located_diagnostic_and_throws_nothing(HostileDefinitions.Input input)
    {
        var project = GoldenTests.Sample().With(HostileDefinitions.RelativePath, input.Text);
        project.ReportDiagnostics = true;

        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql: false));

        Assert.IsNull(result.Exception, result.Exception?.ToString());
        var inFile = result.Diagnostics
            .Where(d => d.Location.GetLineSpan().Path == project.PathOf(HostileDefinitions.RelativePath))
            .Select(d => $"{d.Id} ({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1})")
            .ToList();
        if (input.Code is null)
        {
            Assert.AreEqual(0, inFile.Count, string.Join("\n", inFile));
            Assert.IsTrue(result.GeneratedSources.Any(s => s.HintName.Contains("Hostile")), string.Join(", ", result.GeneratedSources.Select(s => s.HintName)));
            return;
        }

        CollectionAssert.AreEqual(new[] { $"{input.Code} ({input.Line},{input.Column})" }, inFile, string.Join("\n", result.Diagnostics));
    }
}
