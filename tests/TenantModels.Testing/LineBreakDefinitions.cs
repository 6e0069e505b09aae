using System.Collections.Generic;

namespace TenantModels.Testing;

/// <summary>
/// Model files with unusual line breaks before an unknown type 'txet' (TM1025). Lines break at LF, CR LF and CR
/// (YAML 1.2, editors); NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are ordinary characters, so the expected
/// positions below are those an editor shows, counted by hand.
/// </summary>
public static class LineBreakDefinitions
{
    public const string RelativePath = "models/m.yaml";

    /// <param name="Description">The model's description as written, which must reach the model unchanged.</param>
    public sealed record Input(string Name, string Text, int Line, int Column, string Description)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Input> All { get; } = new[]
    {
        OnEarlierLine("NEL", "\u0085"),
        OnEarlierLine("LINE SEPARATOR", "\u2028"),
        OnEarlierLine("PARAGRAPH SEPARATOR", "\u2029"),
        OnEarlierLine("NEL twice", "\u0085\u0085"),
        new Input("NEL earlier on the same line", "model: m\ncolumns: { id: { description: \"a\u0085b\", type: txet } }\nsql: select 1 as id\ndescription: \"c\u2028d\"\n", 2, 44, "c\u2028d"),
        new Input("CR alone", "model: m\rdescription: d\rcolumns:\r  id: txet\rsql: select 1 as id\r", 4, 7, "d"),
        new Input("CR LF", "model: m\r\ndescription: d\r\ncolumns:\r\n  id: txet\r\nsql: select 1 as id\r\n", 4, 7, "d"),
        new Input("CR alone, then NEL", "model: m\rdescription: a\u0085b\rcolumns: { id: txet }\rsql: select 1 as id\r", 3, 16, "a\u0085b"),
    };

    private static Input OnEarlierLine(string name, string separator) =>
        new(name + " in a scalar of an earlier line", "model: m\ndescription: a" + separator + "b\ncolumns:\n  id: txet\nsql: select 1 as id\n", 4, 7, "a" + separator + "b");
}
