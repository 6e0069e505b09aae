namespace TenantModels.Core.Diagnostics;

/// <summary>TM3xxx: problems the runner finds in its configuration, the bundle, or the target database.</summary>
public static class RunnerDiagnostics
{
    public static readonly DiagnosticDescriptor NoConnection = Error("TM3001", "No connection configured",
        "no database connection configured: pass --connection, set TENANTMODELS_CONNECTION, or set the standard PGHOST/PGPORT/PGDATABASE/PGUSER variables");

    public static readonly DiagnosticDescriptor PasswordOnCommandLine = Error("TM3002", "Password on the command line",
        "--connection must not contain a password (command lines are visible to other users and kept in shell history): put it in PGPASSWORD or ~/.pgpass instead");

    public static readonly DiagnosticDescriptor InvalidBundle = Error("TM3003", "Invalid bundle",
        "refusing bundle '{0}': {1}");

    public static readonly DiagnosticDescriptor LockNotAcquired = Error("TM3004", "Deployment lock not acquired",
        "another runner holds the deployment lock on database '{0}'; gave up after waiting {1} s (retry when it finishes, or raise --lock-wait)");

    public static readonly DiagnosticDescriptor StatementFailed = Error("TM3005", "Statement failed",
        "artefact '{0}' ({1}) failed with SQLSTATE {2}: {3}; {5} was rolled back{4}");

    public static readonly DiagnosticDescriptor BundleVersionRefused = Error("TM3006", "Bundle version refused",
        "refusing bundle: {0}");

    public static readonly DiagnosticDescriptor DatabaseError = Error("TM3007", "Database error",
        "could not {0}: {1}");

    public static readonly DiagnosticDescriptor InvalidConnection = Error("TM3008", "Invalid connection string",
        "the connection string from {0} is invalid: {1}");

    public static readonly DiagnosticDescriptor DataLossRefused = Error("TM3009", "Data loss refused",
        "the plan drops {0} object(s) that may hold data ({1}); nothing was changed: review `tenantmodels plan` and pass --allow-data-loss to proceed");

    public static readonly DiagnosticDescriptor PlanBlocked = Error("TM3010", "Change cannot be planned",
        "{0}; nothing was changed");

    public static readonly DiagnosticDescriptor Drift = Error("TM3011", "Drift",
        "{0} difference(s) between the live catalog and what was deployed (see the table above)");

    public static readonly DiagnosticDescriptor InvalidTenant = Error("TM3012", "Invalid tenant",
        "cannot provision tenant '{0}': {1}");

    public static readonly DiagnosticDescriptor UnknownTenant = Error("TM3013", "Unknown tenant",
        "tenant '{0}' {1}");

    public static readonly DiagnosticDescriptor InvalidTargetMap = Error("TM3014", "Invalid target map",
        "target map '{0}': {1}");

    public static readonly DiagnosticDescriptor UnitsFailed = Error("TM3015", "Some units failed",
        "{0} of {1} transaction(s) failed and were rolled back: {2}; everything else was applied");

    public static readonly DiagnosticDescriptor RefreshFailed = Error("TM3016", "Refresh failed",
        "refreshing {0} ({1}) failed with SQLSTATE {2}: {3}; that tenant's refresh was rolled back and its materialized views and canonical table partitions keep their previous rows");

    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);
}
