using System;
using System.Collections.Generic;
using System.Text;

namespace TenantModels.Core.CodeModel;

/// <summary>C# spellings of definition names: <c>call_disposition_name</c> → <c>CallDispositionName</c>.</summary>
public static class CSharpNames
{
    /// <summary>PascalCase of a snake_case name; a leading digit (impossible for validated names) gets a <c>_</c> prefix.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c == '_' || !IsIdentifierChar(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// PascalCase names for <paramref name="names"/>, in order, that differ from each other and from
    /// <paramref name="reserved"/>: a clash (<c>a_b</c> and <c>a__b</c>, or a column named like a member the
    /// generated type already has) gets a numeric suffix, deterministically in declaration order.
    /// </summary>
    public static IReadOnlyList<string> Unique(IEnumerable<string> names, IEnumerable<string> reserved)
    {
        var taken = new HashSet<string>(reserved, StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names)
        {
            var pascal = Pascal(name);
            var candidate = pascal;
            for (var i = 2; taken.Contains(candidate); i++)
            {
                candidate = pascal + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(candidate);
            result.Add(candidate);
        }

        return result;
    }

    private static bool IsIdentifierChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
