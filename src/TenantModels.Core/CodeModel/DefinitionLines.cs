using System.Collections.Generic;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// Where each line of a definition file starts, found once so that locating many diagnostics in one large file costs
/// a lookup each, not a scan of the file each. Lines break where YAML 1.2 and editors break them, and where the
/// compiler's line numbers count them: LF, CR LF and CR alone (not NEL, U+2028 or U+2029).
/// </summary>
public sealed class DefinitionLines
{
    private readonly string _text;
    private readonly List<int> _starts;

    private DefinitionLines(string text, List<int> starts)
    {
        _text = text;
        _starts = starts;
    }

    public static DefinitionLines Of(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return new DefinitionLines(text, starts);
    }

    /// <summary>The span of the scalar at a diagnostic's 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
    public DefinitionSpan Locate(int line, int column)
    {
        var index = System.Math.Min(System.Math.Max(line, 1), _starts.Count) - 1;
        var lineStart = _starts[index];
        var lineEnd = index + 1 < _starts.Count ? _starts[index + 1] : _text.Length;
        if (lineEnd > lineStart && _text[lineEnd - 1] == '\n')
        {
            lineEnd--;
        }

        if (lineEnd > lineStart && _text[lineEnd - 1] == '\r')
        {
            lineEnd--;
        }

        var start = System.Math.Min(lineStart + System.Math.Max(column - 1, 0), lineEnd);
        var end = DefinitionSpans.TokenEnd(_text, start, lineEnd);
        var zeroLine = System.Math.Max(line - 1, 0);
        return new DefinitionSpan(start, end - start, zeroLine, start - lineStart, zeroLine, end - lineStart);
    }
}
