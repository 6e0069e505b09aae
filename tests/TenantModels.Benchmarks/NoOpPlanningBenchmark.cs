using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TenantModels.Benchmarks.Perf;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Benchmarks;

/// <summary>
/// <c>-- plan-noop [tenants...]</c>: <see cref="DeploymentPlanner.Plan(Bundle, IEnumerable{DeployedArtefact})"/> in process,
/// no database, against a record that already holds everything the bundle wants (what a no-op apply plans, after the
/// live comparison), for the scale scenario with canonical tables, with the record's expansion keys and without them (a
/// record of an earlier runner, every tenant instance expanded and hashed). Best of 3 after a warm-up.
/// </summary>
internal static class NoOpPlanningBenchmark
{
    public const string Command = "plan-noop";

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        var root = Path.Combine(Path.GetTempPath(), "tenantmodels-plan-noop-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var tenants in tenantCounts)
            {
                var bundle = BundleDirectory.Read(ApplyMeasurement.CompileBundle(root, tenants, 10, "1.0.0", ScaleScenario.TableForm));
                var recorded = new Dictionary<(string, string?), DeployedArtefact>();
                foreach (var step in DeploymentPlanner.Plan(bundle, Array.Empty<DeployedArtefact>()).Units.SelectMany(u => u.Steps).Where(s => s.Action != PlanStepAction.Drop))
                {
                    recorded[(step.ArtefactId, step.TenantId)] = step.ToRecord();
                }

                var record = recorded.Values.ToList();
                var plan = DeploymentPlanner.Plan(bundle, record);
                if (plan.Units.Count != 0)
                {
                    throw new InvalidOperationException($"a no-op plan has {plan.Units.Count} units");
                }

                // A record of a runner before expansion keys: every tenant instance is expanded and hashed, as planning always did.
                var unkeyed = record.Select(r => r with { ExpansionKey = null }).ToList();
                if (DeploymentPlanner.Plan(bundle, unkeyed) is { Units.Count: > 0 } or { Rekeyed.Count: 0 })
                {
                    throw new InvalidOperationException("a no-op plan of a record without keys plans units or stores no key");
                }

                var best = Enumerable.Range(0, 3).Select(_ => ApplyMeasurement.Time(() => DeploymentPlanner.Plan(bundle, record))).Min();
                var bestUnkeyed = Enumerable.Range(0, 3).Select(_ => ApplyMeasurement.Time(() => DeploymentPlanner.Plan(bundle, unkeyed))).Min();
                output.WriteLine(FormattableString.Invariant($"| {tenants:N0} tenants × 10 models | {record.Count:N0} recorded instances | no-op plan, best of 3 | {best / 1000:F2} s |"));
                output.WriteLine(FormattableString.Invariant($"| {tenants:N0} tenants × 10 models | {record.Count:N0} recorded instances, without expansion keys | no-op plan, best of 3 | {bestUnkeyed / 1000:F2} s |"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
