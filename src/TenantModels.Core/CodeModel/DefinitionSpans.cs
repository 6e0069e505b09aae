namespace TenantModels.Core.CodeModel;

/// <summary>A span of a definition file: 0-based offset and length, 0-based lines and columns (what editors underline).</summary>
public readonly record struct DefinitionSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>
/// Turns a diagnostic's 1-based line and column into the span an editor underlines: the YAML scalar that starts
/// there (a quoted scalar up to its closing quote; a plain one up to <c>": "</c>, <c>", "</c>, a flow bracket,
/// a comment or the end of the line). Diagnostics only carry where a node starts; this is display only.
/// </summary>
public static class DefinitionSpans
{
    public static DefinitionSpan Locate(string text, int line, int column) => DefinitionLines.Of(text).Locate(line, column);

    internal static int TokenEnd(string text, int start, int lineEnd)
    {
        if (start >= lineEnd)
        {
            return start;
        }

        var first = text[start];
        if (first is '"' or '\'')
        {
            for (var i = start + 1; i < lineEnd; i++)
            {
                if (text[i] == first)
                {
                    return i + 1;
                }
            }

            return lineEnd;
        }

        var end = start;
        while (end < lineEnd)
        {
            var c = text[end];
            var followedBySpace = end + 1 >= lineEnd || text[end + 1] == ' ' || text[end + 1] == '\t';
            if (c is ']' or '}' || (c is ':' or ',' && followedBySpace) || (c == '#' && end > start && text[end - 1] is ' ' or '\t'))
            {
                break;
            }

            end++;
        }

        while (end > start && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return end;
    }
}
