using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Npgsql;
using TenantModels.Core.Naming;

namespace TenantModels.Runner.Targets;

/// <summary>
/// A tenant's own database on a server (<c>naming.database</c>, e.g. <c>&lt;tenant&gt;_db</c>): its name, whether it
/// exists, creating and dropping it. Server-wide statements run on the maintenance database <c>postgres</c>, as
/// <c>createdb</c> does. Names come from the pattern and tenant ids, both <c>[a-z0-9_]</c>, so quoting is enough.
/// </summary>
internal static class TenantDatabases
{
    public const string MaintenanceDatabase = "postgres";

    /// <summary>A connection string naming no database is a server: the runner derives each tenant's database on it.</summary>
    public static bool IsServer(string connection) => string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connection).Database);

    public static string WithDatabase(string connection, string database) =>
        new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;

    /// <summary>The tenant whose database the pattern names <paramref name="database"/>, or null when it names none.</summary>
    public static string? TenantOf(string pattern, string database)
    {
        var match = PatternRegex(pattern).Match(database);
        return match.Success ? match.Groups["tenant"].Value : null;
    }

    /// <summary>The server's databases the pattern names, by name.</summary>
    public static SortedSet<string> List(string maintenanceConnection, string pattern)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using var connection = new NpgsqlConnection(maintenanceConnection);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate", connection);
        using var reader = command.ExecuteReader();
        var regex = PatternRegex(pattern);
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (regex.IsMatch(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    public static void Create(string maintenanceConnection, string database) => Run(maintenanceConnection, $"CREATE DATABASE \"{database}\"");

    /// <summary>Sessions still connected (a pool, a login) are ended: the database is going away either way.</summary>
    public static void Drop(string maintenanceConnection, string database) => Run(maintenanceConnection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    private static void Run(string maintenanceConnection, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(maintenanceConnection) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static Regex PatternRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(Regex.Escape(NamingPattern.TenantToken), "(?<tenant>[a-z][a-z0-9_]*)") + "$", RegexOptions.CultureInvariant);
}
