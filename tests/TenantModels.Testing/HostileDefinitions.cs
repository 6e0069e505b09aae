using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TenantModels.Testing;

/// <summary>
/// Definition files built to crash or stall a YAML loader or the compiler (deep nesting, self-referencing and
/// exponential aliases, huge files, unclosed placeholders), each with the diagnostic the compiler must answer with instead: Core's pipeline and the source generator are
/// both fed these.
/// </summary>
public static class HostileDefinitions
{
    /// <summary>Where each input goes in a project (a model file: the project's other files stay valid).</summary>
    public const string RelativePath = "models/hostile.yaml";

    /// <summary>The file-size limit of definition files, in UTF-8 bytes.</summary>
    public const int SizeLimit = 16 * 1024 * 1024;

    /// <param name="Code">The one diagnostic expected in the file, or null when the file must compile without any.</param>
    /// <param name="Line">1-based line of that diagnostic.</param>
    /// <param name="Column">1-based column of that diagnostic.</param>
    public sealed record Input(string Name, string Text, string? Code, int Line, int Column)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Input> All { get; } = new[]
    {
        // The root mapping is the first level: the 64th '[' (the 65th level; the limit is 64) is at column 10 + 63.
        new Input("100000 nested flow sequences", "model: hostile\ncolumns: " + new string('[', 100_000) + "\n", "TM1090", 2, 73),
        new Input("100000 nested block sequences", Repeat("- ", 100_000) + "x\n", "TM1090", 1, 1 + (64 * 2)),
        new Input("100000 nested flow mappings", Repeat("{a: ", 100_000) + "\n", "TM1090", 1, 1 + (64 * 4)),
        new Input("1000 block mappings nested by indentation", string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i) + "k:\n")), "TM1090", 65, 65),
        new Input("nested flow sequences closed", "model: hostile\ncolumns: " + new string('[', 100_000) + new string(']', 100_000) + "\n", "TM1090", 2, 73),
        new Input("an alias standing for deep nesting", "model: hostile\ndescription: &deep " + new string('[', 60) + new string(']', 60) + "\ncolumns: [[[[[*deep]]]]]\n", "TM1090", 3, 15),
        new Input("a sequence aliased inside itself", "model: hostile\ncolumns: &c [*c]\n", "TM1092", 2, 14),
        new Input("a self-containing key", "? &k [*k]\n: 1\n", "TM1092", 1, 7),
        new Input("aliases of aliases (billion laughs)", Laughs(40), "TM1092", 18, 18),
        new Input("100000 '{{' in sql, none closed", "model: hostile\ncolumns: { id: bigint }\nsql: \"select " + Repeat("{{", 100_000) + "\"\n", "TM1093", 3, 6),
        new Input("100000 '{{' in sql, the last one closed", "model: hostile\ncolumns: { id: bigint }\nsql: \"select " + Repeat("{{", 100_000) + "}}\"\n", "TM1093", 3, 6),
        new Input("a 10 MB scalar", "model: hostile\ndescription: " + new string('x', 10_000_000) + "\ncolumns:\n  id: bigint\nsql: select 1 as id\n", null, 0, 0),
        new Input("a file past the size limit", "model: hostile\n#" + new string('x', SizeLimit - 15) + "\n", "TM1091", 1, 1),
        new Input("a file past the size limit in multi-byte characters", "model: hostile\n#" + new string('é', SizeLimit / 2) + "\n", "TM1091", 1, 1),
    };

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    /// <summary>Anchor a0 is a pair; each next anchor a pair of aliases of the previous one: a_n stands for 2^(n+2) nodes.</summary>
    private static string Laughs(int levels)
    {
        var text = new StringBuilder("a0: &a0 [x, x]\n");
        for (var i = 1; i < levels; i++)
        {
            text.Append("a").Append(i).Append(": &a").Append(i).Append(" [*a").Append(i - 1).Append(", *a").Append(i - 1).Append("]\n");
        }

        return text.ToString();
    }
}
