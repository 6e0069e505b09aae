using System.Collections.Generic;

namespace TenantModels.Runner.Output;

/// <summary>The <c>--json</c> document every command prints on stdout; null members are omitted.</summary>
/// <param name="Status">planned | up-to-date | applied | failed | error | status.</param>
public sealed record RunResult(
    string Command,
    string Status,
    int ExitCode,
    string? Project = null,
    string? BundleVersion = null,
    string? ContentHash = null,
    IReadOnlyList<StepResult>? Steps = null,
    DeployedResult? Deployed = null,
    IReadOnlyList<DiagnosticResult>? Diagnostics = null);

/// <param name="Reason">new | changed.</param>
public sealed record StepResult(string Artefact, string? Tenant, string Reason, string Sql);

public sealed record DeployedResult(string Project, string BundleVersion, string ContentHash, string AppliedAt, int Artefacts, IReadOnlyList<string> Tenants);

public sealed record DiagnosticResult(string Code, string Message, string? Artefact = null, string? Tenant = null, string? SqlState = null);
