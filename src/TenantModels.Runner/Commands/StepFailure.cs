using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>Turns a PostgreSQL error raised by one plan step into TM3005, with a hint chosen by SQLSTATE (never by message text, which is localised).</summary>
internal static class StepFailure
{
    public static Diagnostic Describe(PlanStep step, PostgresException error) =>
        RunnerDiagnostics.StatementFailed.At(
            SourceLocation.None,
            step.Instance.Artefact.Id,
            step.Instance.TenantId is null ? "global" : "tenant " + step.Instance.TenantId,
            error.SqlState,
            error.MessageText,
            Hint(error.SqlState));

    public static DiagnosticResult Detail(PlanStep step, PostgresException error, Diagnostic diagnostic) =>
        new(diagnostic.Code, diagnostic.Message, step.Instance.Artefact.Id, step.Instance.TenantId, error.SqlState);

    private static string Hint(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.LockNotAvailable =>
            " (another session held a lock on an object this step changes for longer than --lock-timeout; retry when it is idle)",
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedColumn =>
            " (the raw source schema of this tenant is missing or does not have the shape its source definition declares)",
        PostgresErrorCodes.InsufficientPrivilege =>
            " (the connecting role lacks a privilege this step needs)",
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure =>
            " (a concurrent transaction conflicted with this one; retrying is safe)",
        _ => string.Empty,
    };
}
