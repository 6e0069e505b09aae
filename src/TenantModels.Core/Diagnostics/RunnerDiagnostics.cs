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
        "the deployment lock on database '{0}' is held by {2}; gave up after waiting {1} s (retry when it finishes, or raise --lock-wait)");

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
        "{0} difference(s) between the live database and the bundle (see the table above)");

    public static readonly DiagnosticDescriptor InvalidTenant = Error("TM3012", "Invalid tenant",
        "cannot provision tenant '{0}': {1}");

    public static readonly DiagnosticDescriptor UnknownTenant = Error("TM3013", "Unknown tenant",
        "tenant '{0}' {1}");

    public static readonly DiagnosticDescriptor InvalidTargetMap = Error("TM3014", "Invalid target map",
        "target map '{0}': {1}");

    public static readonly DiagnosticDescriptor UnitsFailed = Error("TM3015", "Some units failed",
        "{0} of {1} transaction(s) failed{2}; rolled back: {3}; {4}");

    public static readonly DiagnosticDescriptor RefreshFailed = Error("TM3016", "Refresh failed",
        "refreshing {0} ({1}) failed with SQLSTATE {2}: {3}; that tenant's refresh was rolled back and its materialized views and canonical table rows keep their previous rows");

    public static readonly DiagnosticDescriptor RefreshOfDrifted = Error("TM3052", "Refresh of an object changed outside TenantModels",
        "cannot refresh {0} ({1}): it is {2}; that tenant's refresh was not run and keeps its previous rows: `tenantmodels apply` repairs it, then refresh again");

    public static readonly DiagnosticDescriptor ProvisionOverDrift = Error("TM3053", "Provisioning over drift",
        "cannot provision tenant '{0}': {1}, which every tenant builds on, is {2}; nothing was changed: `tenantmodels apply` repairs it, then provision again");

    public static readonly DiagnosticDescriptor OtherProjectRefused = Error("TM3017", "Bundle of another project",
        "refusing bundle of project '{0}': this database holds project '{1}' {2}, and planning one project over another would drop every object of '{1}'; nothing was changed: if '{0}' replaces '{1}', pass --replace-project {1}");

    public static readonly DiagnosticDescriptor InvalidLogins = Error("TM3030", "Invalid logins file",
        "logins file '{0}': {1}");

    public static readonly DiagnosticDescriptor LoginTenantUnknown = Error("TM3031", "Login for an unknown tenant",
        "login '{0}' is for tenant '{1}', which is not an enabled tenant of this bundle: add the tenant to tenants.yaml (and apply) or remove the login");

    public static readonly DiagnosticDescriptor LoginPasswordMissing = Error("TM3032", "Login password not set",
        "login '{0}': environment variable {1} is not set or empty; logins take their password from the environment, never from a file or the command line");

    public static readonly DiagnosticDescriptor LoginsNeedSecurity = Error("TM3033", "Bundle has no security section",
        "logins need a bundle built with a 'security:' section in tenantmodels.yaml: without it there are no roles to make logins members of");

    public static readonly DiagnosticDescriptor LoginRoleMissing = Error("TM3034", "Login role not deployed",
        "login '{0}' is to be a member of role '{1}', which does not exist in this database's cluster: apply the bundle (for tenant '{2}') first");

    public static readonly DiagnosticDescriptor ProvisioningScriptRejected = Error("TM3050", "Provisioning script rejected",
        "the provisioning script '{0}' cannot run: {1}; nothing was changed");

    public static readonly DiagnosticDescriptor ProvisioningScriptFailed = Error("TM3051", "Provisioning script failed",
        "the provisioning script '{0}' failed for tenant '{1}' with SQLSTATE {2}: {3}; the whole provisioning was rolled back, nothing of the tenant remains");

    public static readonly DiagnosticDescriptor InvalidSelection = Error("TM3060", "Invalid tenant selection",
        "invalid tenant selection {0}: {1}");

    public static readonly DiagnosticDescriptor SelectionMatchesNothing = Error("TM3061", "Selection matches no tenant",
        "{0} matches no tenant of {1}; nothing was done");

    public static readonly DiagnosticDescriptor ManyTenantsOneDatabase = Error("TM3062", "Database isolation needs a database per tenant",
        "the bundle isolates tenants by database and {0} tenants would go to database '{1}' ({2}); each belongs in its own database ({3}): pass --targets with a target map, or select one tenant with --tenant; nothing was done");

    public static readonly DiagnosticDescriptor UnknownWave = Error("TM3063", "Unknown wave",
        "--wave {0}: {1}; nothing was done");

    public static readonly DiagnosticDescriptor RolloutHalted = Error("TM3064", "Rollout halted",
        "the rollout halted after wave '{0}' ({1}; on_error: halt); not started, left untouched: {2}");

    public static readonly DiagnosticDescriptor TenantDatabaseMissing = Error("TM3065", "Tenant database missing",
        "database '{0}' of tenant '{1}' does not exist on server '{2}': pass --create-databases to create it (tenants provision always does); nothing was done there");

    public static readonly DiagnosticDescriptor WrongTenantDatabase = Error("TM3066", "Tenant in another tenant's database",
        "tenant '{0}' would be written into database '{1}', which naming.database gives to tenant '{2}' (its own is '{3}'); fix the target map; nothing was done there");

    public static readonly DiagnosticDescriptor ArtefactFailedCheck = Error("TM3070", "Artefact failed the check",
        "artefact '{0}' failed the check on a scratch database with SQLSTATE {1}: {2}{3}");

    public static readonly DiagnosticDescriptor DocsNotWritten = Error("TM3080", "Documentation site not written",
        "the documentation site could not be written to '{0}': {1}");

    public static readonly DiagnosticDescriptor NotACitusCluster = Error("TM3085", "Not a usable Citus cluster",
        "the bundle is for a Citus cluster (distribution: citus), but database '{0}' {1}; nothing was done (docs/citus.md)");

    public static readonly DiagnosticDescriptor TenantNotMoved = Error("TM3086", "Tenant cannot be moved",
        "cannot move tenant '{0}': {1}; nothing was moved");

    public static readonly DiagnosticDescriptor TenantMoveTimedOut = Error("TM3110", "Tenant move timed out",
        "the move of tenant '{0}' to {1} did not finish within {2} s (--timeout) and was cancelled: {3}; run it again with a longer --timeout, or when the tenant's tables are less busy");

    public static readonly DiagnosticDescriptor DataTestsFailed = Error("TM3090", "Data tests failed",
        "{0} data test run(s) failed for {1} tenant(s): {2}");

    public static readonly DiagnosticDescriptor DataTestError = Error("TM3091", "Data test could not run",
        "data test '{0}' ({1}) could not run for tenant '{2}' with SQLSTATE {3}: {4}");

    public static readonly DiagnosticDescriptor CronNotAvailable = new("TM3100", DiagnosticSeverity.Warning, "pg_cron not available",
        "the bundle schedules refreshes but {0}: its models were applied without their refresh jobs, so they are refreshed only by tenantmodels refresh; to have them scheduled, {1}, then apply again");

    public static readonly DiagnosticDescriptor ScheduleNotInstalled = Error("TM3101", "Refresh schedule not installed",
        "the refresh jobs of {0} could not be installed in pg_cron with SQLSTATE {1}: {2}; the objects were applied, apply again once it is fixed");

    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);
}
