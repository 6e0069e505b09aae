using System;

namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>One <c>dotnet build</c>: what the user sees on the console, and the detailed log for asserting which targets ran.</summary>
internal sealed record BuildResult(int ExitCode, string ConsoleOutput, string DetailedLog)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>MSBuild's message when Inputs/Outputs say a target is up to date (detailed verbosity).</summary>
    public bool Skipped(string target) =>
        DetailedLog.Contains($"Skipping target \"{target}\" because all output files are up-to-date", StringComparison.Ordinal);

    /// <summary>MSBuild's message when a target with Inputs/Outputs executes (detailed verbosity).</summary>
    public bool Ran(string target) =>
        DetailedLog.Contains($"Building target \"{target}\" completely.", StringComparison.Ordinal)
        || DetailedLog.Contains($"Building target \"{target}\" partially", StringComparison.Ordinal);

    public override string ToString() => $"exit code {ExitCode}\n{ConsoleOutput}";
}
