using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels test</c>.</summary>
/// <param name="Jobs">How many tenants to test at once on one database, each on its own connection.</param>
/// <param name="Samples">How many failing rows of each failed test to show (and put in the JSON result).</param>
public sealed record TestOptions(
    string BundleDirectory,
    string? Connection,
    bool Json,
    string? Targets = null,
    int Parallel = 1,
    SelectionArguments? Selection = null,
    int Jobs = 1,
    int Samples = TestOptions.DefaultSamples)
{
    public const int DefaultSamples = 5;

    public const int MaxSamples = 1000;

    internal static Command CreateCommand(Func<TestOptions, int> run)
    {
        var jobs = new Option<int>("--jobs")
        {
            Description = "Within ONE database: how many tenants to test at once, each on its own connection. Databases at once is --parallel, with --targets.",
            DefaultValueFactory = _ => 1,
        };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > ApplyOptions.MaxJobs)
            {
                r.AddError($"--jobs must be between 1 and {ApplyOptions.MaxJobs}");
            }
        });
        var samples = new Option<int>("--samples")
        {
            Description = $"How many failing rows of each failed test to show (0 to {MaxSamples}).",
            DefaultValueFactory = _ => DefaultSamples,
        };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > MaxSamples)
            {
                r.AddError($"--samples must be between 0 and {MaxSamples}");
            }
        });
        return CommonOptions.ReadOnlyCommand(
            "test",
            "Run the bundle's data tests for each tenant, in priority order, in read-only transactions; report failing rows; exit 9 when one fails.",
            (common, result) => new TestOptions(common.Bundle, common.Connection, common.Json, common.Targets, common.Parallel, common.Selection,
                result.GetValue(jobs), result.GetValue(samples)),
            run,
            jobs,
            samples);
    }
}
