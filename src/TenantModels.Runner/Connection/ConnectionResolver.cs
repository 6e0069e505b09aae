using System;
using Npgsql;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Connection;

/// <summary>
/// Finds the target database: <c>--connection</c>, else <c>TENANTMODELS_CONNECTION</c>, else the libpq
/// <c>PG*</c> variables. The variables are mapped here rather than left to Npgsql so the lookup is the injected
/// environment (tests) and the rules are the same whatever Npgsql version reads on its own.
/// </summary>
internal static class ConnectionResolver
{
    public const string EnvironmentVariable = "TENANTMODELS_CONNECTION";

    public static ConnectionResolution Resolve(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return FromConnectionString(option!, "--connection", environment, refusePassword: true);
        }

        var fromVariable = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            // An environment variable is not visible on the command line, so a password there is the user's call.
            return FromConnectionString(fromVariable!, EnvironmentVariable, environment, refusePassword: false);
        }

        return FromLibpqVariables(environment);
    }

    /// <summary>A target map entry: no password in the string (the map is a file in a repository), one from the named variable if given.</summary>
    public static ConnectionResolution ForTarget(string connection, string? passwordVariable, Func<string, string?> environment)
    {
        Func<string, string?> lookup = passwordVariable is null
            ? environment
            : name => name == "PGPASSWORD" ? environment(passwordVariable) : environment(name);
        return FromConnectionString(connection, "the target map", lookup, refusePassword: true);
    }

    private static ConnectionResolution FromConnectionString(string text, string origin, Func<string, string?> environment, bool refusePassword)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            return ConnectionResolution.Failed(RunnerDiagnostics.InvalidConnection.At(SourceLocation.None, origin, e.Message));
        }

        if (refusePassword && !string.IsNullOrEmpty(builder.Password))
        {
            return ConnectionResolution.Failed(RunnerDiagnostics.PasswordOnCommandLine.At(SourceLocation.None));
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = environment("PGHOST") ?? "localhost";
        }

        return Finish(builder, environment);
    }

    private static ConnectionResolution FromLibpqVariables(Func<string, string?> environment)
    {
        var host = environment("PGHOST");
        var port = environment("PGPORT");
        var database = environment("PGDATABASE");
        var user = environment("PGUSER");
        if (string.IsNullOrEmpty(host) && string.IsNullOrEmpty(port) && string.IsNullOrEmpty(database) && string.IsNullOrEmpty(user))
        {
            return ConnectionResolution.Failed(RunnerDiagnostics.NoConnection.At(SourceLocation.None));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = string.IsNullOrEmpty(host) ? "localhost" : host };
        if (!string.IsNullOrEmpty(port))
        {
            if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                return ConnectionResolution.Failed(RunnerDiagnostics.InvalidConnection.At(SourceLocation.None, "PGPORT", $"'{port}' is not a TCP port"));
            }

            builder.Port = number;
        }

        if (!string.IsNullOrEmpty(database))
        {
            builder.Database = database;
        }

        if (!string.IsNullOrEmpty(user))
        {
            builder.Username = user;
        }

        return Finish(builder, environment);
    }

    /// <summary>Password from PGPASSWORD or a password file (PGPASSFILE, else Npgsql's default ~/.pgpass).</summary>
    private static ConnectionResolution Finish(NpgsqlConnectionStringBuilder builder, Func<string, string?> environment)
    {
        var password = environment("PGPASSWORD");
        if (string.IsNullOrEmpty(builder.Password) && !string.IsNullOrEmpty(password))
        {
            builder.Password = password;
        }

        var passfile = environment("PGPASSFILE");
        if (string.IsNullOrEmpty(builder.Passfile) && !string.IsNullOrEmpty(passfile))
        {
            builder.Passfile = passfile;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Lets a DBA see in pg_stat_activity which session is the deployment.
            builder.ApplicationName = "tenantmodels";
        }

        return new ConnectionResolution(builder.ConnectionString, builder.Database ?? builder.Username ?? "postgres", null);
    }
}
