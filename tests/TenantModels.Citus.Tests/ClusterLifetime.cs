using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// The one Citus cluster of the test run: Citus installed (built on the first run of a machine), three nodes started
/// before the first test and stopped after the last one.
/// </summary>
[TestClass]
public static class ClusterLifetime
{
    private static CitusCluster? _cluster;

    public static CitusCluster Cluster => _cluster ?? throw new InvalidOperationException("the Citus cluster was not started");

    [AssemblyInitialize]
    public static void Start(TestContext context)
    {
        CitusInstallation.Ensure();
        _cluster = CitusCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _cluster?.Dispose();
    }

    [AssemblyCleanup]
    public static void Stop()
    {
        _cluster?.Dispose();
        if (System.IO.Directory.Exists(Cli.TempRoot))
        {
            System.IO.Directory.Delete(Cli.TempRoot, recursive: true);
        }
    }
}
