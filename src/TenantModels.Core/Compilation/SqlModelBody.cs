namespace TenantModels.Core.Compilation;

/// <summary>
/// Where the user's <c>sql:</c> sits in the statement <see cref="SqlModelCompiler"/> writes, so an error position
/// PostgreSQL reports in that statement can be given back as a line of the <c>sql:</c> the user wrote. The compiler
/// writes the CREATE line, the SELECT of the declared columns on one line, <c>FROM (</c>, then the body (references
/// replaced in place, no line added or removed), then <see cref="Closing"/>.
/// </summary>
public static class SqlModelBody
{
    /// <summary>The statement's line on which the body starts (1-based).</summary>
    public const int FirstLine = 4;

    /// <summary>How the line after the body starts.</summary>
    public const string Closing = ") AS \"q\"";

    /// <summary>
    /// The 1-based line of the body holding the 1-based character <paramref name="position"/> of <paramref name="statement"/>,
    /// or 0 when the position is outside the body (in what the compiler wrapped around it, or in a later statement).
    /// </summary>
    public static int LineOf(string statement, int position) => PositionOf(statement, position).Line;

    /// <summary>
    /// The 1-based line of the body and the 1-based character within that line of <paramref name="position"/> (PostgreSQL's
    /// error position, 1-based characters); (0, 0) when the position is outside the body.
    /// </summary>
    public static (int Line, int Column) PositionOf(string statement, int position)
    {
        if (position < 1 || position > statement.Length)
        {
            return (0, 0);
        }

        var lines = statement.Split('\n');
        var offset = 0;
        for (var line = 1; line <= lines.Length; line++)
        {
            if (line >= FirstLine && lines[line - 1].StartsWith(Closing, System.StringComparison.Ordinal))
            {
                return (0, 0);
            }

            var lineStart = offset;
            offset += lines[line - 1].Length + 1;
            if (position <= offset)
            {
                return line >= FirstLine ? (line - FirstLine + 1, position - lineStart) : (0, 0);
            }
        }

        return (0, 0);
    }
}
