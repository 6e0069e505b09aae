using System.Collections.Generic;
using System.Text;

namespace TenantModels.Core.Sql;

/// <summary>
/// PostgreSQL's text form of a one-dimensional array (<c>{a,"b c",NULL}</c>): how array-typed tenant attributes are
/// written in tenants.yaml as a string and how their canonical value is kept, so one parser serves both and the
/// elements can be checked one by one and written as an <c>ARRAY[…]</c> of quoted literals.
/// </summary>
public static class ArrayLiteral
{
    /// <returns>The elements (null for an unquoted NULL), or null when the text is not a one-dimensional array literal.</returns>
    public static IReadOnlyList<string?>? TryParse(string text)
    {
        var value = text.Trim();
        if (value.Length < 2 || value[0] != '{' || value[value.Length - 1] != '}')
        {
            return null;
        }

        var elements = new List<string?>();
        var position = 1;
        var end = value.Length - 1;
        SkipSpace(value, ref position, end);
        if (position == end)
        {
            return elements;
        }

        while (true)
        {
            SkipSpace(value, ref position, end);
            if (position >= end)
            {
                return null; // a trailing comma
            }

            if (value[position] == '"')
            {
                var element = new StringBuilder();
                position++;
                while (position < end && value[position] != '"')
                {
                    if (value[position] == '\\' && position + 1 < end)
                    {
                        position++;
                    }

                    element.Append(value[position]);
                    position++;
                }

                if (position >= end)
                {
                    return null; // an unclosed quote
                }

                position++;
                elements.Add(element.ToString());
            }
            else
            {
                var start = position;
                while (position < end && value[position] != ',')
                {
                    if (value[position] is '{' or '}' or '"' or '\\')
                    {
                        return null; // nested arrays, stray quotes and escapes are not supported
                    }

                    position++;
                }

                var element = value.Substring(start, position - start).Trim();
                if (element.Length == 0)
                {
                    return null;
                }

                elements.Add(string.Equals(element, "NULL", System.StringComparison.OrdinalIgnoreCase) ? null : element);
            }

            SkipSpace(value, ref position, end);
            if (position == end)
            {
                return elements;
            }

            if (value[position] != ',')
            {
                return null;
            }

            position++;
        }
    }

    /// <summary>The canonical text: elements double-quoted when they would otherwise read differently, NULL for null.</summary>
    public static string Write(IEnumerable<string?> elements)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var element in elements)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            if (element is null)
            {
                text.Append("NULL");
            }
            else if (NeedsQuotes(element))
            {
                text.Append('"').Append(element.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
            }
            else
            {
                text.Append(element);
            }
        }

        return text.Append('}').ToString();
    }

    private static bool NeedsQuotes(string element)
    {
        if (element.Length == 0 || string.Equals(element, "NULL", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var c in element)
        {
            if (c is '{' or '}' or ',' or '"' or '\\' || char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static void SkipSpace(string text, ref int position, int end)
    {
        while (position < end && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
