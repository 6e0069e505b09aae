using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Check;

/// <summary>
/// TM3070 for an artefact PostgreSQL rejected, located at the error's line and column in the model's <c>sql:</c> when the
/// bundle records where it starts, at the model when it records only that (<see cref="ModelSqlLocation"/>).
/// </summary>
internal static class CheckFailure
{
    public static Diagnostic Describe(CheckedArtefact failed)
    {
        var error = failed.Error!;
        var location = ModelSqlLocation.Of(failed.DefinedAt, failed.SqlAt, failed.Statement, error.Position);
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
    public static SourceLocation Location(string? definedAt) => ModelSqlLocation.Parse(definedAt);
}
