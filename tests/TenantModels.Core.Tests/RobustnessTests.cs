using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// Derives broken inputs from the valid sample (truncations, deleted and duplicated lines, tabs, wrong kinds,
/// random bytes, huge files) and requires every one to end in diagnostics with a file and line, never an exception.
/// </summary>
[TestClass]
public sealed class RobustnessTests
{
    private static readonly ProjectInput Sample =
        ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0");

    public static IEnumerable<object[]> Mutations()
    {
        foreach (var file in Sample.Files.Select((f, i) => (f, i)))
        {
            yield return new object[] { file.i, "truncated-half" };
            yield return new object[] { file.i, "truncated-mid-line" };
            yield return new object[] { file.i, "tab-indented" };
            yield return new object[] { file.i, "random-bytes" };
            yield return new object[] { file.i, "scalar-root" };
            yield return new object[] { file.i, "list-root" };
            yield return new object[] { file.i, "unclosed-quote" };
            yield return new object[] { file.i, "duplicate-first-key" };
            yield return new object[] { file.i, "every-line-dropped" };
            yield return new object[] { file.i, "values-become-lists" };
            yield return new object[] { file.i, "unknown-keys" };
        }
    }

    [TestMethod]
    [DynamicData(nameof(Mutations))]
    public void Broken_input_gives_located_diagnostics_and_no_exception(int fileIndex, string mutation)
    {
        foreach (var text in Mutate(Sample.Files[fileIndex].Text, mutation, new Random(fileIndex * 31 + mutation.Length)))
        {
            var files = Sample.Files.Select((f, i) => i == fileIndex ? f with { Text = text } : f).ToList();
            var result = ModelProjectCompiler.Compile(Sample with { Files = files });
            foreach (var d in result.Diagnostics)
            {
                Assert.IsFalse(string.IsNullOrEmpty(d.Location.Path), d.ToString());
                Assert.IsTrue(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
                StringAssert.StartsWith(d.Code, "TM");
            }

            if (!result.Succeeded)
            {
                Assert.IsTrue(result.Diagnostics.Any(d => d.IsError), "a failed compile must say why");
                Assert.IsNull(result.Bundle);
            }
        }
    }

    public static IEnumerable<object[]> HostileInputs() => HostileDefinitions.All.Select(i => new object[] { i });

    [TestMethod]
    [DynamicData(nameof(HostileInputs))]
    public void Inputs_built_to_crash_a_yaml_loader_end_in_one_located_diagnostic(HostileDefinitions.Input input)
    {
        var path = RepoPaths.Combine("samples", "CallAnalytics", HostileDefinitions.RelativePath);
        var files = Sample.Files.Append(new DefinitionFile(path, HostileDefinitions.RelativePath, input.Text)).ToList();
        var result = ModelProjectCompiler.Compile(Sample with { Files = files });

        var inFile = result.Diagnostics.Where(d => d.Location.Path == path).Select(d => $"{d.Code} ({d.Location.Line},{d.Location.Column})").ToList();
        if (input.Code is null)
        {
            Assert.AreEqual(0, inFile.Count, string.Join("\n", result.Diagnostics));
            Assert.IsTrue(result.Succeeded);
            return;
        }

        CollectionAssert.AreEqual(new[] { $"{input.Code} ({input.Line},{input.Column})" }, inFile, string.Join("\n", result.Diagnostics));
        Assert.IsNull(result.Bundle);
    }

    [TestMethod]
    public void An_unknown_key_is_reported_as_TM1002_in_every_file_kind()
    {
        foreach (var file in Sample.Files)
        {
            var files = Sample.Files.Select(f => f == file ? f with { Text = "bogus_key: 1\n" + f.Text } : f).ToList();
            var result = ModelProjectCompiler.Compile(Sample with { Files = files });
            Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "TM1002" && d.Location.Path == file.Path && d.Location.Line == 1), file.RelativePath);
        }
    }

    [TestMethod]
    public void Huge_file_is_handled()
    {
        var huge = new StringBuilder("tenants:\n");
        for (var i = 0; i < 20_000; i++)
        {
            huge.Append("  - id: t").Append(i).Append("\n    sources: [outreach]\n");
        }

        var files = Sample.Files.Select(f => f.RelativePath == "tenants.yaml" ? f with { Text = huge.ToString() } : f).ToList();
        var result = ModelProjectCompiler.Compile(Sample with { Files = files });

        // The sample's canonical view cannot serve 20,000 tenants (TM2021); its table form can.
        CollectionAssert.AreEqual(new[] { "TM2021" }, result.Diagnostics.Select(d => d.Code).ToList());
        files = files.Select(f => f.RelativePath == "models/call.yaml" ? f with { Text = f.Text.Replace("canonical: true", "canonical: table") } : f).ToList();
        result = ModelProjectCompiler.Compile(Sample with { Files = files });
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics.Take(5)));
        Assert.AreEqual(20_000, result.Bundle!.Manifest.Tenants.Count);
    }

    [TestMethod]
    public void Tenant_names_never_reach_sql_and_ids_cannot_inject()
    {
        const string hostile = "x'); DROP SCHEMA public CASCADE; --";
        var tenants = "tenants:\n  - id: acme\n    name: \"" + hostile + "\"\n    sources: [outreach]\n  - id: \"" + hostile + "\"\n    sources: [outreach]\n";
        var files = Sample.Files.Select(f => f.RelativePath == "tenants.yaml" ? f with { Text = tenants } : f).ToList();
        var result = ModelProjectCompiler.Compile(Sample with { Files = files });
        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "TM1011"));

        var onlyName = "tenants:\n  - id: acme\n    name: \"" + hostile + "\"\n    sources: [outreach]\n";
        files = Sample.Files.Select(f => f.RelativePath == "tenants.yaml" ? f with { Text = onlyName } : f).ToList();
        result = ModelProjectCompiler.Compile(Sample with { Files = files });
        Assert.IsTrue(result.Succeeded);
        Assert.IsFalse(result.Bundle!.DeployScript.Contains("DROP SCHEMA"));
    }

    private static IEnumerable<string> Mutate(string text, string mutation, Random random)
    {
        var lines = text.Split('\n');
        switch (mutation)
        {
            case "truncated-half":
                yield return text.Substring(0, text.Length / 2);
                break;
            case "truncated-mid-line":
                for (var cut = 1; cut < text.Length; cut += Math.Max(1, text.Length / 25))
                {
                    yield return text.Substring(0, cut);
                }

                break;
            case "tab-indented":
                yield return text.Replace("  ", "\t");
                break;
            case "random-bytes":
                for (var n = 0; n < 10; n++)
                {
                    var bytes = new byte[random.Next(1, 400)];
                    random.NextBytes(bytes);
                    yield return Encoding.UTF8.GetString(bytes);
                    var chars = text.ToCharArray();
                    chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
                    yield return new string(chars);
                }

                break;
            case "scalar-root":
                yield return "just a string\n";
                break;
            case "list-root":
                yield return "- a\n- b\n";
                break;
            case "unclosed-quote":
                yield return text.Replace(": ", ": \"");
                break;
            case "duplicate-first-key":
                yield return lines.First(l => l.Length > 0 && !l.StartsWith('#')) + "\n" + text;
                break;
            case "every-line-dropped":
                for (var i = 0; i < lines.Length; i++)
                {
                    yield return string.Join("\n", lines.Where((_, j) => j != i));
                }

                break;
            case "values-become-lists":
                yield return string.Join("\n", lines.Select(l => l.Contains(": ") ? l.Replace(": ", ": [") + "]" : l));
                break;
            case "unknown-keys":
                yield return "bogus_key: 1\n" + text;
                yield return string.Join("\n", lines.Select(l => l.Length > 0 && char.IsWhiteSpace(l[0]) && l.TrimStart().StartsWith("- ", StringComparison.Ordinal) == false && l.Contains(": ") ? l + "\n" + l.Substring(0, l.Length - l.TrimStart().Length) + "not_a_key: x" : l));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation));
        }
    }
}
