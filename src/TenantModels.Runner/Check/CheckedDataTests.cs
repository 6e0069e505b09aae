using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.DataTests;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Check;

/// <summary>
/// Runs the bundle's data tests' queries on the objects the check created, in its transaction, for the check tenant: a
/// test whose SQL names an unknown column (a typo in an <c>expression:</c>, a renamed column) is then reported at build
/// time instead of when <c>tenantmodels test</c> first runs against a deployed database. The scratch database holds no
/// data (seeds aside), so only whether a query runs is the check's concern, never the rows it finds.
/// </summary>
internal static class CheckedDataTests
{
    public static IReadOnlyList<DataTestResult> Run(NpgsqlConnection connection, NpgsqlTransaction transaction, Bundle bundle, BundleTenant tenant,
        IReadOnlyList<CheckedArtefact> artefacts)
    {
        var present = artefacts
            .Where(a => a.Outcome is CheckOutcome.Passed or CheckOutcome.StoodIn)
            .Select(a => a.ArtefactId)
            .ToHashSet(StringComparer.Ordinal);
        var results = new List<DataTestResult>();
        foreach (var test in bundle.Manifest.DataTests ?? Array.Empty<BundleDataTest>())
        {
            // The check tenant has every source, so each test applies; it runs when the object it reads was created.
            results.Add(present.Contains(test.Artefact)
                ? TenantTestRun.RunOne(connection, transaction, bundle, test, tenant, samples: 0)
                : TenantTestRun.Skipped(tenant, test, $"'{test.Artefact}' does not exist in the scratch database"));
        }

        return results;
    }
}
