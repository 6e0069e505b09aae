using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// A <c>tests:</c> list: each entry is a test's name (<c>- not_null</c>) or a mapping of one name to its arguments
/// (<c>- accepted_values: { values: [a, b] }</c>, <c>- expression: "a >= 0"</c>). Which test takes what, and where, is
/// checked in binding, where the model's columns are known.
/// </summary>
internal static class DataTestParser
{
    private static readonly string[] ArgumentKeys = { "values", "to", "column", "columns", "min", "max", "expression" };

    /// <summary>The arguments each test takes, so a misplaced one is an unknown key with the right list (an unknown test gets them all).</summary>
    private static readonly Dictionary<string, string[]> ArgumentsOf = new(System.StringComparer.Ordinal)
    {
        ["not_null"] = new string[0],
        ["unique"] = new[] { "columns" },
        ["accepted_values"] = new[] { "values" },
        ["relationships"] = new[] { "to", "column" },
        ["expression"] = new[] { "expression" },
        ["row_count"] = new[] { "min", "max" },
    };

    /// <param name="column">The column the list is declared under; null for the model's own list.</param>
    public static IReadOnlyList<DataTestSyntax> Parse(MappingReader owner, Located<string>? column, DiagnosticBag diagnostics)
    {
        var tests = new List<DataTestSyntax>();
        foreach (var item in owner.Sequence("tests"))
        {
            var at = YamlLocation.Of(owner.Path, item);
            if (item is YamlScalarNode)
            {
                if (owner.ScalarOf(item, "tests item") is { } name)
                {
                    tests.Add(new DataTestSyntax(name, column, at, new Located<string>[0], new Located<string>[0]));
                }

                continue;
            }

            if (item is not YamlMappingNode mapping || mapping.Children.Count == 0 || mapping.Children[0].Key is not YamlScalarNode key)
            {
                diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, at, "tests item", "a test's name, or one name mapped to its arguments (e.g. accepted_values: { values: [a, b] })");
                continue;
            }

            var testName = new Located<string>(key.Value ?? string.Empty, YamlLocation.Of(owner.Path, key));

            // One test per item: any key after the test's name is unknown (its arguments go inside, `unique: { columns: [...] }`).
            MappingReader.For(mapping, owner.Path, "tests item", diagnostics, testName.Value);
            var arguments = mapping.Children[0].Value;
            if (arguments is YamlScalarNode scalar)
            {
                // `expression: "a >= 0"` names its one argument directly; `not_null:` with nothing is the short form.
                var expression = MappingReader.IsNull(scalar) ? (Located<string>?)null : new Located<string>(scalar.Value ?? string.Empty, YamlLocation.Of(owner.Path, scalar));
                tests.Add(new DataTestSyntax(testName, column, at, new Located<string>[0], new Located<string>[0], Expression: expression));
                continue;
            }

            var reader = MappingReader.For(arguments, owner.Path, $"test '{testName.Value}'", diagnostics,
                ArgumentsOf.TryGetValue(testName.Value, out var allowed) ? allowed : ArgumentKeys);
            if (reader is null)
            {
                continue;
            }

            tests.Add(new DataTestSyntax(
                testName,
                column,
                at,
                reader.Node("values") is null ? new Located<string>[0] : reader.ScalarList("values"),
                reader.Node("columns") is null ? new Located<string>[0] : reader.ScalarList("columns"),
                reader.Scalar("to"),
                reader.Scalar("column"),
                reader.Scalar("expression"),
                reader.Scalar("min"),
                reader.Scalar("max"),
                reader.Node("values") is not null));
        }

        return tests;
    }
}
