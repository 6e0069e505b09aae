using System.Text.RegularExpressions;

namespace TenantModels.Core.Binding;

/// <summary>
/// What keeps a fragment of user SQL (a mapping's <c>expr:</c>, a join condition, a data test's expression) one
/// expression once it is spliced into generated SQL: no <c>;</c>, no comment, no unterminated quote, not empty.
/// </summary>
internal static class SqlFragmentRules
{
    private static readonly Regex StringLiteral = new("'(?:[^']|'')*'", RegexOptions.CultureInvariant);

    /// <summary>The fragment with its string literals blanked: what is code in it.</summary>
    public static string CodeOf(string fragment) => StringLiteral.Replace(fragment, " L ");

    public static bool IsOneExpression(string fragment)
    {
        var code = CodeOf(fragment);
        return !(code.Contains(";") || code.Contains("--") || code.Contains("/*") || code.Contains("'") || code.Trim().Length == 0);
    }

    /// <summary>
    /// Whether every parenthesis closes one opened before it: a fragment wrapped as <c>NOT (…)</c> must not close the
    /// wrapper early (<c>a) OR (true</c>) and change what the statement around it means.
    /// </summary>
    public static bool IsBalanced(string fragment)
    {
        var depth = 0;
        foreach (var c in CodeOf(fragment))
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }
}
