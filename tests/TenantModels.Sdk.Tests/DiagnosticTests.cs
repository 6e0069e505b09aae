using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Sdk.Tests.Infrastructure;

namespace TenantModels.Sdk.Tests;

/// <summary>Broken definitions fail the build in MSBuild's canonical error form, once each, and leave no bundle.</summary>
[TestClass]
public sealed class DiagnosticTests
{
    /// <summary><c>path(line,col): error TM1234: message</c>, as IDEs and CI annotators parse it.</summary>
    private static readonly Regex CanonicalError = new(
        @"(?<path>\S*models/call\.yaml)\((?<line>\d+),(?<column>\d+)\): error (?<code>TM\d{4}): (?<message>[^\r\n]*?)(?: \[[^\]]*\])?\r?$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    [TestMethod]
    public void UnknownSourceColumnFailsAtItsPositionAndRemovesThePreviousBundle()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(UnknownSourceColumnFailsAtItsPositionAndRemovesThePreviousBundle));
        var good = project.Build();
        Assert.IsTrue(good.Succeeded && File.Exists(project.ManifestPath), good.ToString());

        var broken = project.Read("models/call.yaml").Replace("user_id: relationship_user_id", "user_id: relationship_usr_id");
        project.Write("models/call.yaml", broken);
        var schemas = project.PathOf("obj/tenantmodels/schemas/project");
        Directory.Delete(schemas, recursive: true);
        var build = project.Build();

        Assert.IsFalse(build.Succeeded, "the build succeeded with an unknown source column");
        Assert.IsTrue(File.Exists(Path.Combine(schemas, "model.schema.json")), "a failed build wrote no editor schemas: their names help most while errors are fixed");
        var (line, column) = PositionOf(broken, "relationship_usr_id");
        AssertSingleError(project, build, "TM1022", line, column);
        Assert.IsFalse(Directory.Exists(project.BundleDirectory), "the previous build's bundle survived a failed build");
        Assert.AreEqual(0, project.LeftoverStagingFolders().Count);
    }

    [TestMethod]
    public void InvalidYamlFailsAtTheOffendingCharacter()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(InvalidYamlFailsAtTheOffendingCharacter));
        // A second ': ' in a plain scalar is not valid YAML; the parser stops at that colon.
        var broken = project.Read("models/call.yaml").Replace("  user_id: text\n", "  user_id: text: bad\n");
        project.Write("models/call.yaml", broken);

        var build = project.Build();

        Assert.IsFalse(build.Succeeded, "the build succeeded with invalid YAML");
        var (line, column) = PositionOf(broken, ": bad");
        AssertSingleError(project, build, "TM1001", line, column);
        Assert.IsFalse(Directory.Exists(project.BundleDirectory), "a failed build wrote a bundle");
    }

    private static void AssertSingleError(ModelProject project, BuildResult build, string code, int line, int column)
    {
        var console = CanonicalError.Matches(build.ConsoleOutput).ToList();
        Assert.IsTrue(console.Count > 0, $"no canonical error for models/call.yaml on the console:\n{build}");
        var error = console[0];
        Assert.AreEqual(project.PathOf("models/call.yaml"), error.Groups["path"].Value, "error is not reported on the definition file");
        Assert.AreEqual(code, error.Groups["code"].Value, build.ToString());
        Assert.AreEqual(line, int.Parse(error.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), "line");
        Assert.AreEqual(column, int.Parse(error.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture), "column");
        Assert.IsTrue(error.Groups["message"].Value.Length > 0, "empty message");

        // The detailed log has no summary, so it holds each logged error exactly once.
        var logged = Regex.Matches(build.DetailedLog, @": error [A-Z]+\d+: ").Count;
        Assert.AreEqual(1, logged, $"expected exactly one error, the log has {logged}:\n{build}");
        Assert.IsFalse(build.ConsoleOutput.Contains("MSB4018", StringComparison.Ordinal), "the task crashed instead of reporting");
    }

    /// <summary>1-based line and column of the first occurrence, as the compiler reports positions.</summary>
    private static (int Line, int Column) PositionOf(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.IsTrue(index >= 0, $"'{fragment}' is not in the fixture");
        var before = text.Substring(0, index);
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
