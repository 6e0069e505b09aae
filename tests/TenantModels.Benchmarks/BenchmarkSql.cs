using System;
using System.Globalization;
using Npgsql;
using TenantModels.Core.Pipeline;

namespace TenantModels.Benchmarks;

/// <summary>What the PostgreSQL benchmarks share: statements without a timeout (a large CREATE VIEW may take minutes) and in-memory definition files.</summary>
internal static class BenchmarkSql
{
    public static DefinitionFile File(string path, string text) => new(path, path, text);

    public static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    public static string Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }
}
