using System;
using System.Threading;

namespace TenantModels.Testing;

/// <summary>
/// The one PostgreSQL server of a test process: started on first use, shared by every test class (each test
/// takes its own database), and stopped when the process exits so no cluster outlives the run.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<PostgresServer> Instance = new(StartAndRegisterCleanup, LazyThreadSafetyMode.ExecutionAndPublication);

    public static PostgresServer Server => Instance.Value;

    /// <summary>Stops the server if it was started; safe to call from an assembly cleanup as well as at process exit.</summary>
    public static void Stop()
    {
        if (Instance.IsValueCreated)
        {
            Instance.Value.Dispose();
        }
    }

    private static PostgresServer StartAndRegisterCleanup()
    {
        var server = PostgresServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}
