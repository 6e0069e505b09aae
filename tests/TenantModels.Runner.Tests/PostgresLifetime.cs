using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests;

/// <summary>
/// Stops the shared server (and removes scratch bundles) while the test host is still fully alive: the host may be torn down before a
/// ProcessExit handler finishes, which left cluster folders behind in /tmp.
/// </summary>
[TestClass]
public static class PostgresLifetime
{
    [AssemblyCleanup]
    public static void StopSharedServerAndDeleteScratch()
    {
        SharedPostgres.Stop();
        SharedCronPostgres.Stop();
        if (System.IO.Directory.Exists(Support.CliRun.TempRoot))
        {
            System.IO.Directory.Delete(Support.CliRun.TempRoot, recursive: true);
        }
    }
}
