using System.Globalization;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Check;

/// <summary>TM3070 for an artefact PostgreSQL rejected, located at the model's YAML when the bundle records it.</summary>
internal static class CheckFailure
{
    public static Diagnostic Describe(CheckedArtefact failed)
    {
        var error = failed.Error!;
        var location = Location(failed.DefinedAt);
        return RunnerDiagnostics.ArtefactFailedCheck.At(
            location,
            failed.ArtefactId,
            error.SqlState,
            ErrorCause.WithDetail(error),
            Where(failed, location));
    }

    /// <summary>The line of the model's <c>sql:</c> when the server's error position falls in it; the model alone otherwise.</summary>
    private static string Where(CheckedArtefact failed, SourceLocation location)
    {
        if (location.Path.Length == 0)
        {
            return " (the bundle does not record which definition wrote it)";
        }

        var line = failed.Statement is null ? 0 : SqlModelBody.LineOf(failed.Statement, failed.Error!.Position);
        return line > 0
            ? $" (line {line} of the sql: of the model defined at {failed.DefinedAt})"
            : $" (in the SQL of the model defined at {failed.DefinedAt})";
    }

    /// <summary>Reads <c>models/x.yaml:3:5</c> (the path may itself hold colons: the last two fields are the position).</summary>
    public static SourceLocation Location(string? definedAt)
    {
        if (definedAt is null)
        {
            return SourceLocation.None;
        }

        var column = definedAt.LastIndexOf(':');
        var line = column > 0 ? definedAt.LastIndexOf(':', column - 1) : -1;
        return line > 0
            && int.TryParse(definedAt.Substring(line + 1, column - line - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            && int.TryParse(definedAt.Substring(column + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            ? new SourceLocation(definedAt.Substring(0, line), l, c)
            : new SourceLocation(definedAt, 0, 0);
    }
}
