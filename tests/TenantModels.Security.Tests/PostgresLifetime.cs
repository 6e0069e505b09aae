using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Security.Tests;

/// <summary>Stops the shared server while the test host is alive (a ProcessExit handler may not get to finish).</summary>
[TestClass]
public static class PostgresLifetime
{
    [AssemblyCleanup]
    public static void StopSharedServer() => SharedPostgres.Stop();
}
