using System.Text;
using System.Text.RegularExpressions;

namespace TenantModels.Core.Bundling;

/// <summary>
/// Compares a policy's expression as the compiler writes it with the one PostgreSQL gives back (<c>pg_get_expr</c>).
/// PostgreSQL stores the expression parsed and deparses it in its own spelling: identifiers quoted only where needed,
/// extra parentheses, casts it inferred (<c>'x'::text</c>), <c>pg_catalog.</c> dropped, and a name for each sub-select's
/// column (<c>SELECT f() AS f</c>). Both sides are reduced to what survives that round trip; what the reduction hides
/// (a cast, a parenthesis, the case of a keyword) cannot turn a tenant filter into another one.
/// </summary>
public static class PolicyExpression
{
    private static readonly Regex Casts = new(
        @"::\s*(""[^""]+""|[A-Za-z_][A-Za-z0-9_]*(\s+varying|\s+precision|\s+with(out)?\s+time\s+zone)?)(\[\])*",
        RegexOptions.CultureInvariant);

    private static readonly Regex Aliases = new(@"\s+AS\s+(""[^""]+""|[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex Catalog = new(@"""?pg_catalog""?\.", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Whether two expressions are the same once both are reduced (<see cref="Normalize"/>); two nulls are the same.</summary>
    public static bool Same(string? desired, string? live) =>
        desired is null || live is null ? desired is null == (live is null) : Normalize(desired) == Normalize(live);

    /// <summary>
    /// The expression without casts, sub-select column names, <c>pg_catalog.</c>, double quotes, parentheses and
    /// whitespace, lower case outside string literals (literals are kept as written).
    /// </summary>
    public static string Normalize(string expression)
    {
        var reduced = Catalog.Replace(Aliases.Replace(Casts.Replace(expression, string.Empty), string.Empty), string.Empty);
        var text = new StringBuilder(reduced.Length);
        var literal = false;
        foreach (var c in reduced)
        {
            if (c == '\'')
            {
                literal = !literal; // a doubled quote inside a literal toggles twice: still inside
                text.Append(c);
            }
            else if (literal)
            {
                text.Append(c);
            }
            else if (!(char.IsWhiteSpace(c) || c is '(' or ')' or '"'))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }
}
