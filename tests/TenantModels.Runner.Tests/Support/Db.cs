using System;
using System.Collections.Generic;
using System.Globalization;
using Npgsql;

namespace TenantModels.Runner.Tests.Support;

/// <summary>Small synchronous helpers for reading and preparing test databases.</summary>
internal static class Db
{
    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>A SQL string literal of any text (dollar quoting would break on text containing the tag).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    public static T Scalar<T>(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    /// <summary>Every row as <c>a|b|c</c>, NULL spelled out and timestamps in ISO form, so assertions compare exact values.</summary>
    public static string[] Rows(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "NULL" : Format(reader.GetValue(i));
            }

            rows.Add(string.Join("|", cells));
        }

        return rows.ToArray();
    }

    /// <summary>Columns of a table or view as <c>name:type</c> in declared order.</summary>
    public static string[] Columns(string connectionString, string schema, string table)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
            connection);
        command.Parameters.AddWithValue(schema);
        command.Parameters.AddWithValue(table);
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.ToArray();
    }

    /// <summary>
    /// Logs every DDL command that starts in this database. "Re-apply runs no DDL" is then a count of rows,
    /// which catches even a CREATE ... IF NOT EXISTS that changes nothing.
    /// </summary>
    public static void InstallDdlLog(string connectionString) => Execute(connectionString, """
        CREATE TABLE public.ddl_log (id bigserial PRIMARY KEY, command_tag text NOT NULL);
        CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO public.ddl_log (command_tag) VALUES (tg_tag);
        END
        $$;
        CREATE EVENT TRIGGER log_ddl ON ddl_command_start EXECUTE FUNCTION public.log_ddl();
        """);

    /// <summary>
    /// Logs the identity of every object DDL creates, alters or drops (ddl_command_end and sql_drop), so a test can
    /// assert exactly which objects an apply touched.
    /// </summary>
    public static void InstallObjectLog(string connectionString) => Execute(connectionString, """
        CREATE TABLE public.object_log (id bigserial PRIMARY KEY, command_tag text NOT NULL, object_identity text);
        CREATE FUNCTION public.log_objects() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO public.object_log (command_tag, object_identity)
            SELECT command_tag, object_identity FROM pg_event_trigger_ddl_commands();
        END
        $$;
        CREATE FUNCTION public.log_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO public.object_log (command_tag, object_identity)
            SELECT 'DROP', object_identity FROM pg_event_trigger_dropped_objects() WHERE original;
        END
        $$;
        CREATE EVENT TRIGGER log_objects ON ddl_command_end EXECUTE FUNCTION public.log_objects();
        CREATE EVENT TRIGGER log_drops ON sql_drop EXECUTE FUNCTION public.log_drops();
        """);

    public static long DdlCount(string connectionString) => Scalar<long>(connectionString, "SELECT count(*) FROM public.ddl_log");

    public static bool SchemaExists(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection);
        command.Parameters.AddWithValue(schema);
        return (bool)command.ExecuteScalar()!;
    }

    private static string Format(object value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
