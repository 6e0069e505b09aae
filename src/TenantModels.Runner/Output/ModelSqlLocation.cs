using System.Globalization;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Output;

/// <summary>
/// Where in the YAML an error PostgreSQL raised in a SQL model's statement is: at the error's own line and column inside
/// <c>sql:</c> when the bundle records where that body starts (<see cref="BundleArtefact.SqlAt"/>) and the server gave a
/// position in it; at the model (<see cref="BundleArtefact.DefinedAt"/>) otherwise; nowhere for generated artefacts.
/// </summary>
/// <remarks>
/// Lines are exact (the compiler adds and removes none inside the body). The column is the character within the statement's
/// line: exact unless a reference or a placeholder earlier on that line (<c>{{ ref('x') }}</c>, <c>{{ tenant }}</c>) was
/// replaced by text of another length.
/// </remarks>
internal static class ModelSqlLocation
{
    public static SourceLocation Of(BundleArtefact artefact, string? statement, int position) =>
        Of(artefact.DefinedAt, artefact.SqlAt, statement, position);

    public static SourceLocation Of(string? definedAt, string? sqlAt, string? statement, int position)
    {
        var model = Parse(definedAt);
        if (model.Path.Length == 0 || sqlAt is null || statement is null || !TryParse(sqlAt, out var bodyLine, out var bodyColumn))
        {
            return model;
        }

        var (line, column) = SqlModelBody.PositionOf(statement, position);
        return line > 0 ? new SourceLocation(model.Path, bodyLine + line - 1, bodyColumn + column - 1) : model;
    }

    /// <summary>Reads <c>models/x.yaml:3:5</c> (the path may itself hold colons: the last two fields are the position).</summary>
    public static SourceLocation Parse(string? definedAt)
    {
        if (definedAt is null)
        {
            return SourceLocation.None;
        }

        var column = definedAt.LastIndexOf(':');
        var line = column > 0 ? definedAt.LastIndexOf(':', column - 1) : -1;
        return line > 0 && TryParse(definedAt.Substring(line + 1), out var l, out var c)
            ? new SourceLocation(definedAt.Substring(0, line), l, c)
            : new SourceLocation(definedAt, 0, 0);
    }

    /// <summary><c>line:column</c>.</summary>
    private static bool TryParse(string text, out int line, out int column)
    {
        line = 0;
        column = 0;
        var colon = text.IndexOf(':');
        return colon > 0
            && int.TryParse(text.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out line)
            && int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out column);
    }
}
