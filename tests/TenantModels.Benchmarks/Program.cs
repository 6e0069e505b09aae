using System.Linq;
using BenchmarkDotNet.Running;
using TenantModels.Benchmarks.Perf;

namespace TenantModels.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- perf-report [compile] [build] [apply]</c> for every
    /// figure of docs/performance.md; <c>-- --filter '*' [--job short]</c> for the BenchmarkDotNet micro-benchmarks; or
    /// <c>-- compile-phases &lt;tenants&gt;</c> for each compile phase's time and allocations (see <see cref="CompilePhasesBenchmark"/>),
    /// <c>-- write-scenario &lt;folder&gt; &lt;tenants&gt; &lt;models&gt; [table]</c> to write the scale project for a manual <c>dotnet build</c>,
    /// <c>-- write-bundle &lt;folder&gt; &lt;tenants&gt; &lt;models&gt; view|table</c> to write it and its bundle (printing the bundle's path) for a manual <c>tenantmodels</c> run,
    /// or <c>-- rls-policies &lt;tenants&gt; &lt;rows per tenant&gt; &lt;repetitions&gt;</c> (see <see cref="RlsPolicyBenchmark"/>),
    /// or <c>-- canonical-forms [tenants...]</c> for the canonical view against the canonical table on PostgreSQL,
    /// or <c>-- canonical-storage [tenants...]</c> for how the canonical table stores its rows, on stock lock settings,
    /// or <c>-- canonical-view-limits [branches...]</c> for how far the view form goes on stock settings,
    /// or <c>-- citus [tenants models]</c> for one server against a 3-node Citus cluster (see <see cref="CitusBenchmark"/>),
    /// or <c>-- yaml-limits</c> for the analysis time of hostile and large definition files by size,
    /// or <c>-- generator-ide [tenants...]</c> for the generator hosted as in the IDE (see <see cref="GeneratorIdeMeasurement"/>),
    /// or <c>-- docs-site [tenants] [models]</c> for the documentation site: writing it and showing its pages in Chromium (see <see cref="DocsSiteBenchmark"/>).
    /// or <c>-- plan-noop [tenants...]</c> for planning with nothing to do, in process (see <see cref="NoOpPlanningBenchmark"/>),
    /// or <c>-- runner-noop [tenants...]</c> for the runner's no-op re-apply and one more tenant as its own process (see <see cref="Perf.RunnerNoOpMeasurement"/>),
    /// or <c>-- editor-schemas [tenants] [models]</c> for the project-specific editor schemas a build writes (see <see cref="EditorSchemasBenchmark"/>),
    /// or <c>-- data-tests [tenants...]</c> for <c>tenantmodels test</c> over every tenant (see <see cref="DataTestsMeasurement"/>).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length == 2 && args[0] == CompilePhasesBenchmark.Command)
        {
            CompilePhasesBenchmark.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args.Length is 4 or 5 && args[0] == "write-scenario")
        {
            ScaleScenario.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
                args.Length == 5 && args[4] == "table" ? ScaleScenario.TableForm : ScaleScenario.ViewForm);
            return;
        }

        if (args.Length > 0 && args[0] == NoOpPlanningBenchmark.Command)
        {
            var counts = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            NoOpPlanningBenchmark.Run(counts.Length == 0 ? new[] { 1000, 10000 } : counts, System.Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == Perf.RunnerNoOpMeasurement.Command)
        {
            var counts = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Perf.RunnerNoOpMeasurement.Run(counts.Length == 0 ? new[] { 1000 } : counts, System.Console.Out);
            return;
        }

        if (args.Length == 5 && args[0] == "write-bundle")
        {
            System.Console.WriteLine(Perf.ApplyMeasurement.CompileBundle(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), "1.0.0",
                args[4] == "table" ? ScaleScenario.TableForm : ScaleScenario.ViewForm));
            return;
        }

        if (args.Length == 3 && args[0] == SecuredVerifyBenchmark.Command)
        {
            SecuredVerifyBenchmark.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), System.Console.Out);
            return;
        }

        if (args.Length == 4 && args[0] == "rls-policies")
        {
            RlsPolicyBenchmark.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args.Length > 0 && args[0] == "canonical-forms")
        {
            var counts = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            CanonicalFormsBenchmark.Run(counts.Length == 0 ? new[] { 10, 100, 1000, 5000 } : counts, System.Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == CanonicalStorageBenchmark.Command)
        {
            var counts = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            CanonicalStorageBenchmark.Run(counts.Length == 0 ? new[] { 100, 1000, 10000 } : counts, System.Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == "canonical-view-limits")
        {
            var counts = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            CanonicalViewLimitsBenchmark.Run(counts.Length == 0 ? new[] { 1000, 5000, 10000 } : counts, System.Console.Out);
            return;
        }

        if (args.Length is 1 or 3 && args[0] == CitusBenchmark.Command)
        {
            var sizes = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            CitusBenchmark.Run(sizes.Length == 0 ? 1000 : sizes[0], sizes.Length == 0 ? 10 : sizes[1], System.Console.Out);
            return;
        }

        if (args.Length == 1 && args[0] == YamlLimitsBenchmark.Command)
        {
            YamlLimitsBenchmark.Run(System.Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == GeneratorIdeMeasurement.Command)
        {
            var tenants = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            GeneratorIdeMeasurement.Run(tenants.Length == 0 ? new[] { 100, 1000, 10000 } : tenants, System.Console.Out);
            return;
        }

        if (args.Length >= 1 && args[0] == EditorSchemasBenchmark.Command)
        {
            var sizes = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            EditorSchemasBenchmark.Run(sizes.Length > 0 ? sizes[0] : 1000, sizes.Length > 1 ? sizes[1] : 20, System.Console.Out);
            return;
        }

        if (args.Length >= 1 && args[0] == DocsSiteBenchmark.Command)
        {
            var sizes = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            DocsSiteBenchmark.Run(sizes.Length > 0 ? sizes[0] : 1000, sizes.Length > 1 ? sizes[1] : 50, System.Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == DataTestsMeasurement.Command)
        {
            var tenants = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            DataTestsMeasurement.Run(tenants.Length == 0 ? new[] { 200, 1000 } : tenants, System.Console.Out);
            return;
        }

        if (args.Length == 3 && args[0] == CompileMeasurement.ChildCommand)
        {
            CompileMeasurement.RunChild(args[1], args[2]);
            return;
        }

        if (args.Length >= 1 && args[0] == PerfReport.Command)
        {
            PerfReport.Run(args.Skip(1).ToList());
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
