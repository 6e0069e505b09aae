using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// Turns a PostgreSQL error raised by one plan step into TM3005: the server's message and its DETAIL (which names the
/// object in the way, e.g. the view that depends on one being dropped), with a hint chosen by SQLSTATE (never by
/// message text, which is localised).
/// </summary>
internal static class StepFailure
{
    public static Diagnostic Describe(PlanUnitKey unit, PlanStep step, PostgresException error, BundleManifest? manifest = null)
    {
        var location = Location(step, error, manifest);
        return RunnerDiagnostics.StatementFailed.At(
            location,
            step.ArtefactId,
            step.TenantId is null ? "global" : "tenant " + step.TenantId,
            error.SqlState,
            ErrorCause.WithDetail(error),
            Hint(error.SqlState, inModelSql: location != SourceLocation.None),
            unit.Kind switch
            {
                PlanUnitKind.Tenant => $"the transaction of tenant {unit.TenantId}",
                PlanUnitKind.Global => "the transaction of global artefacts",
                _ => "the transaction of union artefacts",
            });
    }

    /// <summary>
    /// For the creation of a SQL model's view: the error's line and column in the model's YAML (or the model), so editors and
    /// CI annotate the definition; no location for everything else, which is generated from validated declarations.
    /// </summary>
    private static SourceLocation Location(PlanStep step, PostgresException error, BundleManifest? manifest)
    {
        if (step.Action != PlanStepAction.Create || manifest is null)
        {
            return SourceLocation.None;
        }

        var artefact = manifest.Artefacts.FirstOrDefault(a => a.Id == step.ArtefactId);
        return artefact?.DefinedAt is null ? SourceLocation.None : ModelSqlLocation.Of(artefact, step.Sql, error.Position);
    }

    public static DiagnosticResult Detail(PlanStep step, PostgresException error, Diagnostic diagnostic) =>
        new(diagnostic.Code, diagnostic.Message, step.ArtefactId, step.TenantId, error.SqlState);

    /// <param name="inModelSql">The error is located in a SQL model's own statement (a user's SQL), not in generated SQL.</param>
    private static string Hint(string sqlState, bool inModelSql) => sqlState switch
    {
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedColumn when inModelSql =>
            " (the model's SQL at this line names a relation or column that does not exist: check the name, or the ref() of the model it reads)",
        PostgresErrorCodes.LockNotAvailable =>
            " (another session held a lock on an object this step changes for longer than --lock-timeout; retry when it is idle)",
        PostgresErrorCodes.QueryCanceled =>
            " (the statement ran longer than --statement-timeout)",
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedColumn =>
            " (the raw source schema of this tenant is missing or does not have the shape its source definition declares)",
        PostgresErrorCodes.DependentObjectsStillExist =>
            " (an object the bundle does not manage depends on it; drop or move that object, then apply again)",
        PostgresErrorCodes.NotNullViolation =>
            " (a NOT NULL column without a default cannot be added to a table that has rows, nor can a column holding NULLs become NOT NULL: give it a default, or add it nullable, backfill it, and make it NOT NULL in a later version)",
        PostgresErrorCodes.InsufficientPrivilege =>
            " (the connecting role lacks a privilege this step needs)",
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure =>
            " (a concurrent transaction conflicted with this one; retrying is safe)",
        _ => string.Empty,
    };
}
