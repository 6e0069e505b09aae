using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Npgsql;

namespace TenantModels.Testing;

/// <summary>
/// A throwaway Citus cluster: a coordinator and two workers, each its own <see cref="PostgresServer"/> on a free port of
/// 127.0.0.1 (trust authentication). Each test database is its own Citus cluster: it is created on every node with the
/// extension, and the coordinator registers itself and the workers.
/// </summary>
public sealed class CitusCluster : IDisposable
{
    private static int _databaseCounter;

    private CitusCluster(PostgresServer coordinator, IReadOnlyList<PostgresServer> workers)
    {
        Coordinator = coordinator;
        Workers = workers;
    }

    public PostgresServer Coordinator { get; }

    public IReadOnlyList<PostgresServer> Workers { get; }

    private IEnumerable<PostgresServer> Nodes => new[] { Coordinator }.Concat(Workers);

    /// <summary>Starts the three nodes; Citus must already be installed (<see cref="CitusInstallation"/>).</summary>
    /// <param name="extra">More server settings for every node (e.g. a larger max_locks_per_transaction for a benchmark).</param>
    public static CitusCluster Start(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["shared_preload_libraries"] = "citus",
            // Moving a tenant copies its schema by logical replication (citus_schema_move's default transfer mode).
            ["wal_level"] = "logical",
            // One transaction of DDL for many tenants locks every object it touches.
            ["max_locks_per_transaction"] = "256",
            ["citus.enable_statistics_collection"] = "off",

            // Citus starts a maintenance daemon per database on every node, a background worker each: with a database per
            // test class the stock 8 run out, and a move's logical replication worker then never starts (the move hangs).
            ["max_worker_processes"] = "64",
        };
        foreach (var setting in extra ?? new Dictionary<string, string>())
        {
            settings[setting.Key] = setting.Value;
        }

        var started = new List<PostgresServer>();
        try
        {
            // One at a time: three initdb runs in parallel only contend for the same two cores.
            for (var i = 0; i < 3; i++)
            {
                started.Add(PostgresServer.Start(settings));
            }

            return new CitusCluster(started[0], started.Skip(1).ToList());
        }
        catch
        {
            foreach (var server in started)
            {
                server.Dispose();
            }

            throw;
        }
    }

    /// <summary>A fresh database with the same name on every node, made one Citus cluster; returns the coordinator's connection string.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = string.Format(CultureInfo.InvariantCulture, "{0}_{1}", prefix, Interlocked.Increment(ref _databaseCounter));
        foreach (var node in Nodes)
        {
            // The name is the test's own [a-z0-9_] prefix and a number, so quoting it is enough.
            Execute(node.ConnectionString, $"CREATE DATABASE \"{name}\"");
            Execute(ConnectionStringOf(node, name), "CREATE EXTENSION citus");
        }

        var coordinator = ConnectionStringOf(Coordinator, name);
        Execute(coordinator, $"SELECT citus_set_coordinator_host('127.0.0.1', {Coordinator.Port})");
        foreach (var worker in Workers)
        {
            AddNode(coordinator, worker.Port);
        }

        return coordinator;
    }

    /// <summary>
    /// citus_add_node copies the cluster's roles to the worker while it syncs the metadata. Roles are cluster-wide and test
    /// classes run two at a time, so another class creating or dropping a role meanwhile can make that copy fail
    /// (<c>failure on connection marked as essential</c>); the call is idempotent and rolled back on failure, so it is tried again.
    /// </summary>
    private static void AddNode(string coordinator, int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute(coordinator, $"SELECT citus_add_node('127.0.0.1', {port})");
                return;
            }
            catch (PostgresException e) when (attempt < 3 && e.SqlState == PostgresErrorCodes.InternalError && e.MessageText.Contains("marked as essential", StringComparison.Ordinal))
            {
                Thread.Sleep(500 * attempt);
            }
        }
    }

    /// <summary>The same database on another node of the cluster (e.g. a worker, to look at what was placed there).</summary>
    public static string ConnectionStringOf(PostgresServer node, string database) =>
        new NpgsqlConnectionStringBuilder(node.ConnectionString) { Database = database }.ConnectionString;

    public string OnWorker(int index, string coordinatorConnectionString) =>
        ConnectionStringOf(Workers[index], new NpgsqlConnectionStringBuilder(coordinatorConnectionString).Database!);

    public void Dispose()
    {
        foreach (var node in Nodes.Reverse())
        {
            node.Dispose();
        }
    }

    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }

    public static IReadOnlyList<string> Strings(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
