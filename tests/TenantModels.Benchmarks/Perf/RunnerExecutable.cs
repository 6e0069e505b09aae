using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// The runner as the benchmarks start it: by default as users get it from <c>dotnet tool install</c> on this machine,
/// the ReadyToRun publish for the host's runtime identifier, started by <c>dotnet</c> as the tool's command is — what the
/// RID-specific tool package holds. <c>TENANTMODELS_BENCH_RUNNER</c> picks another form for an A/B:
/// <list type="bullet">
/// <item><c>ready-to-run</c> (default): <c>dotnet publish -r &lt;host rid&gt;</c>, compiled ahead of time;</item>
/// <item><c>il</c>: the same publish without ReadyToRun (the only difference is the JIT at start-up);</item>
/// <item><c>build</c>: <c>dotnet tenantmodels.dll</c> from <c>dotnet build -c Release</c>'s output, as the benchmarks ran it
/// before the runner shipped ReadyToRun.</item>
/// </list>
/// Publishing happens once per benchmark process, into a temporary folder removed when the process exits.
/// </summary>
internal static class RunnerExecutable
{
    public const string Variable = "TENANTMODELS_BENCH_RUNNER";

    private static readonly Lazy<(string Program, string[] Prefix)> Command = new(Resolve);

    /// <summary>Which form runs: <c>ready-to-run</c>, <c>il</c> or <c>build</c>.</summary>
    public static string Form => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } form ? form : "ready-to-run";

    /// <summary>The program to start and the arguments that come before the runner's own.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) For(IEnumerable<string> runnerArguments) =>
        (Command.Value.Program, Command.Value.Prefix.Concat(runnerArguments).ToArray());

    /// <summary>A line for the reports: which runner the figures are of.</summary>
    public static string Description => Form switch
    {
        "build" => "runner: `dotnet tenantmodels.dll` of `dotnet build -c Release` (IL, JIT at start-up)",
        "il" => $"runner: `dotnet publish -r {RuntimeInformation.RuntimeIdentifier}` without ReadyToRun (IL, JIT at start-up)",
        _ => $"runner: `dotnet publish -r {RuntimeInformation.RuntimeIdentifier}` ReadyToRun (what `dotnet tool install` gives on this machine)",
    };

    private static (string Program, string[] Prefix) Resolve()
    {
        switch (Form)
        {
            case "build":
                return ("dotnet", new[] { GrowthMeasurement.RunnerDll });
            case "ready-to-run":
            case "il":
                var folder = Path.Combine(Path.GetTempPath(), "tenantmodels-bench-runner-" + Guid.NewGuid().ToString("N"));
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(folder);
                Console.WriteLine($"publishing the runner ({Form}) into {folder}");
                Child.Run("dotnet", new[]
                {
                    "publish", RepoPaths.Combine("src", "TenantModels.Runner", "TenantModels.Runner.csproj"), "-c", "Release",
                    "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", folder,
                    "-p:PublishReadyToRun=" + (Form == "il" ? "false" : "true"), "-nodeReuse:false", "-tl:off",
                });
                return ("dotnet", new[] { Path.Combine(folder, "tenantmodels.dll") });
            default:
                throw new InvalidOperationException($"{Variable}={Form}: expected ready-to-run, il or build");
        }
    }

    private static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a benchmark.
        }
    }
}
