using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Npgsql;

namespace TenantModels.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster in a temp folder, listening on 127.0.0.1 on a free port, tuned for speed
/// (no fsync) because its data is discarded. Tests isolate themselves with <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const int StartAttempts = 3;
    private const string FolderPrefix = "tenantmodels-pg-";
    private static int _databaseCounter;

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly string _dataDirectory;
    private int _disposed;

    private readonly string _extraOptions;

    private PostgresServer(string binDirectory, string rootDirectory, int port, string extraOptions = "")
    {
        _extraOptions = extraOptions;
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _dataDirectory = Path.Combine(rootDirectory, "data");
        Port = port;
    }

    public int Port { get; private set; }

    /// <summary>Superuser <c>postgres</c> on database <c>postgres</c>; trust authentication, so no password.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <param name="settings">Extra server settings (e.g. <c>max_locks_per_transaction=4096</c> for a benchmark over thousands of tables).</param>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the cluster could not be created or started.</exception>
    public static PostgresServer Start() => Start(new Dictionary<string, string>());

    /// <param name="settings">Server settings beyond the defaults (e.g. <c>max_locks_per_transaction</c> for one huge transaction); names and values are trusted fixture input.</param>
    public static PostgresServer Start(IReadOnlyDictionary<string, string> settings)
    {
        var bin = PostgresBinaries.FindBinDirectory();
        SweepAbandonedClusters();
        var root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin, root, port: 0, string.Concat(settings.Select(s => " -c " + s.Key + "=" + s.Value)));
        try
        {
            server.InitializeCluster();
            server.StartWithRetries();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Creates a fresh database with a unique name starting with <paramref name="prefix"/> and returns its connection string.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = UniqueDatabaseName(prefix);
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            // The name is built from [a-z0-9_] only, so quoting it is enough; CREATE DATABASE takes no parameters.
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionStringFor(name);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            try
            {
                // Immediate: the data is thrown away, so there is nothing worth a clean checkpoint.
                ProcessRunner.RunAsServerUser(PgCtl, new[] { "stop", "-D", _dataDirectory, "-m", "immediate", "-w" });
            }
            catch (InvalidOperationException)
            {
                // Already stopped (or never fully started): deleting the folder below is what matters.
            }
        }

        try
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test run on cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string PgCtl => Path.Combine(_binDirectory, "pg_ctl");

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // Ignore any PGPASSWORD/.pgpass of the machine running the tests: the cluster uses trust authentication.
        Passfile = "/dev/null",
        // Every test makes databases of its own, each with its own pool: idle connections are closed within seconds
        // so that they never add up to the server's (stock) max_connections.
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    private void InitializeCluster()
    {
        if (ProcessRunner.IsRoot)
        {
            // initdb runs as postgres and must own the folder it writes into.
            ProcessRunner.Run("chown", new[] { "postgres:postgres", _rootDirectory });
        }

        ProcessRunner.RunAsServerUser(Path.Combine(_binDirectory, "initdb"), new[]
        {
            "-D", _dataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C",
        });
    }

    /// <summary>Another process can take the free port between our probe and the server's bind, so retry on a new port.</summary>
    private void StartWithRetries()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = string.Format(
                CultureInfo.InvariantCulture,
                "-c listen_addresses=127.0.0.1 -p {0} -k {1} -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
                Port,
                _rootDirectory) + _extraOptions;
            try
            {
                ProcessRunner.RunAsServerUser(PgCtl, new[]
                {
                    "start", "-w", "-t", "60", "-D", _dataDirectory, "-l", Path.Combine(_rootDirectory, "server.log"), "-o", options,
                });
                return;
            }
            catch (InvalidOperationException e) when (attempt < StartAttempts)
            {
                Console.Error.WriteLine($"PostgreSQL did not start on port {Port} (attempt {attempt}), retrying: {e.Message}");
            }
        }
    }

    /// <summary>
    /// A test host killed mid-run never reaches Dispose. Remove such leftovers, but only stopped ones (no
    /// postmaster.pid) untouched for an hour, so a cluster another test process is creating right now is safe.
    /// </summary>
    private static void SweepAbandonedClusters()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var stale = Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddHours(-1);
            if (stale && !File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string UniqueDatabaseName(string prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            clean.Append((c is >= 'a' and <= 'z') || (c is >= '0' and <= '9') ? c : '_');
        }

        // Keep well under the 63-byte identifier limit, leaving room for the unique suffix.
        var stem = clean.Length > 40 ? clean.ToString(0, 40) : clean.ToString();
        var counter = Interlocked.Increment(ref _databaseCounter);
        return string.Format(CultureInfo.InvariantCulture, "{0}_{1}_{2}", stem.Length == 0 ? "test" : stem, counter, Guid.NewGuid().ToString("N").Substring(0, 8));
    }
}
