using Npgsql;
using TenantModels.Runner.Connection;

namespace TenantModels.Runner.Connection;

/// <summary>The one way the runner opens databases.</summary>
internal static class RunnerDataSource
{
    /// <remarks>
    /// Without loading the database's types: the runner reads only built-in types, and Npgsql's type-loading query
    /// scans pg_type, which holds a row type for every view and table. In a database of a thousand tenants that
    /// query was a third of adding one tenant.
    /// </remarks>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // Npgsql redacts every DETAIL unless asked; the runner prints only those that name objects (ErrorCause.WithDetail).
        builder.ConnectionStringBuilder.IncludeErrorDetail = true;
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        return builder.Build();
    }
}
