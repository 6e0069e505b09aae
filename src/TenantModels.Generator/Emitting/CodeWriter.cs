using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantModels.Generator.Emitting;

/// <summary>Indented C# text with "\n" line ends (deterministic on every OS), plus the escaping emitters need.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Only the start of <paramref name="line"/> is indented: the lines of a multi-line literal are written as given.</summary>
    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public CodeWriter Summary(string text) => Line("/// <summary>" + text + "</summary>");

    public override string ToString() => _text.ToString();

    /// <summary>A C# string literal with every character escaped as needed.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>Text for an XML doc comment: markup escaped, on one line.</summary>
    /// <remarks>C# ends a comment at U+0085, U+2028 and U+2029 too, which YAML strings may hold: the rest of the text would become code.</remarks>
    public static string Xml(string value) => value
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ')
        .Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');

    /// <summary><c>&lt;c&gt;text&lt;/c&gt;</c> with the text escaped.</summary>
    public static string Code(string value) => "<c>" + Xml(value) + "</c>";
}
