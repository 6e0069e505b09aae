using Npgsql;

namespace TenantModels.Runner.Schedules;

/// <summary>
/// Whether pg_cron can run this database's refresh jobs: loaded at server start (<c>shared_preload_libraries</c>), and its
/// extension created in the one database it keeps its jobs in (<c>cron.database_name</c>, which may be another database).
/// </summary>
/// <param name="CronDatabase">Where <c>cron.job</c> is; null when pg_cron is not usable.</param>
/// <param name="Problem">Why it is not usable, for TM3100; null when it is.</param>
/// <param name="Remedy">What the operator does about it.</param>
internal sealed record CronAvailability(string? CronDatabase, string? Problem, string? Remedy)
{
    private const string Setup = "docs/runner.md, \"Scheduled refreshes\"";

    public static CronAvailability Of(NpgsqlConnection connection, string connectionString)
    {
        // pg_cron defines cron.database_name when the server loads it: reading it needs no privilege, unlike
        // shared_preload_libraries (pg_read_all_settings), so a role that only deploys can tell.
        string? database;
        using (var setting = new NpgsqlCommand("SELECT current_setting('cron.database_name', true)", connection))
        {
            database = setting.ExecuteScalar() as string;
        }

        if (database is null)
        {
            return new CronAvailability(null, "pg_cron is not loaded (shared_preload_libraries does not name it)",
                $"install pg_cron (Debian: apt-get install postgresql-15-cron), add pg_cron to shared_preload_libraries, set cron.database_name, restart PostgreSQL and CREATE EXTENSION pg_cron in that database ({Setup})");
        }

        using var cron = CronConnection.Open(connection, connectionString, database);
        using var extension = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pg_cron')", cron.Connection);
        if (extension.ExecuteScalar() is not true)
        {
            return new CronAvailability(null, $"the pg_cron extension is not created in database '{database}' (cron.database_name)",
                $"run CREATE EXTENSION pg_cron in database '{database}' as a superuser ({Setup})");
        }

        return new CronAvailability(database, null, null);
    }
}
