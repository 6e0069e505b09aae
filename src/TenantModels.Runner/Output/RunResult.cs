using System.Collections.Generic;

namespace TenantModels.Runner.Output;

/// <summary>The <c>--json</c> document every command prints on stdout; null members are omitted.</summary>
/// <param name="Status">planned | up-to-date | would-refuse | applied | partial | failed | refused | error | pending | drift | ok | refreshed.</param>
public sealed record RunResult(
    string Command,
    string Status,
    int ExitCode,
    string? Project = null,
    string? BundleVersion = null,
    string? ContentHash = null,
    IReadOnlyList<StepResult>? Steps = null,
    DeployedResult? Deployed = null,
    IReadOnlyList<DiagnosticResult>? Diagnostics = null)
{
    /// <summary>The version of this document's shape, first so a script can check it before reading on; raised on any change that is not an added member.</summary>
    public const int CurrentFormatVersion = 1;

    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>apply: one entry per transaction (global, each tenant, union) with its outcome.</summary>
    public IReadOnlyList<UnitResult>? Units { get; init; }

    /// <summary>apply/plan with a target map: one result per database.</summary>
    public IReadOnlyList<TargetResult>? Targets { get; init; }

    /// <summary>verify: every recorded object that no longer matches.</summary>
    public IReadOnlyList<DriftResult>? Drift { get; init; }

    /// <summary>test: each data test run for each tenant, in the order they ran (tenants by priority).</summary>
    public IReadOnlyList<DataTestResult>? Tests { get; init; }

    /// <summary>tenants list/show/discover.</summary>
    public IReadOnlyList<TenantResult>? Tenants { get; init; }

    /// <summary>apply with rollout waves: each wave run (or not started), in order.</summary>
    public IReadOnlyList<Waves.WaveResult>? Waves { get; init; }

    /// <summary>plan, apply, status, verify, refresh: the tenant selection given (absent: every tenant).</summary>
    public SelectionResult? Selection { get; init; }
}

/// <summary>The selection options given, and the tenants they matched (with a target map: in any database), in processing order.</summary>
public sealed record SelectionResult(IReadOnlyList<string>? Tenant, string? Tier, IReadOnlyList<string>? Where, IReadOnlyList<string>? Matched);

/// <param name="Action">create | drop | alter.</param>
/// <param name="Reason">new | changed | signature changed | dependency recreated | tenants changed | removed | tenant removed | table changed | definition changed.</param>
public sealed record StepResult(string Artefact, string? Tenant, string Reason, string Sql, string Action = "create", string? Unit = null, bool DataLoss = false);

/// <param name="Status">applied | failed | skipped (after a failure with --fail-fast); refresh: refreshed | failed | skipped.</param>
public sealed record UnitResult(string Unit, string? Tenant, UnitStatus Status, int Steps, DiagnosticResult? Diagnostic = null);

/// <summary>How one transaction of an apply or refresh ended; written in JSON as its lower-case name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<UnitStatus>))]
public enum UnitStatus
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("applied")]
    Applied,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("refreshed")]
    Refreshed,

    /// <summary>Rolled back: nothing of it changed.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Not run: an earlier unit failed under <c>--fail-fast</c>.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("skipped")]
    Skipped,
}

public sealed record TargetResult(string Target, string Status, int ExitCode, IReadOnlyList<StepResult> Steps, IReadOnlyList<UnitResult> Units, IReadOnlyList<DiagnosticResult> Diagnostics)
{
    /// <summary>status: what is deployed on this target.</summary>
    public DeployedResult? Deployed { get; init; }

    /// <summary>verify: what drifted on this target.</summary>
    public IReadOnlyList<DriftResult>? Drift { get; init; }

    /// <summary>tenants list/show/discover with a target map: this database's tenants.</summary>
    public IReadOnlyList<TenantResult>? Tenants { get; init; }

    /// <summary>test: the data tests run on this target.</summary>
    public IReadOnlyList<DataTestResult>? Tests { get; init; }

    /// <summary>With a tenant selection: the tenants of this target it matched.</summary>
    public IReadOnlyList<string>? Selected { get; init; }
}

public sealed record DeployedResult(string Project, string BundleVersion, string ContentHash, string AppliedAt, int Artefacts, IReadOnlyList<string> Tenants)
{
    /// <summary>How the last deployment ended: applied, partial, running (in progress now) or interrupted.</summary>
    public string? Outcome { get; init; }

    /// <summary>Citus (docs/citus.md): each deployed tenant's worker, host:port (or where its schemas are otherwise).</summary>
    public IReadOnlyDictionary<string, string>? Nodes { get; init; }
}

public sealed record DiagnosticResult(string Code, string Message, string? Artefact = null, string? Tenant = null, string? SqlState = null);

public sealed record DriftResult(string Artefact, string? Tenant, string Object, string Problem);

/// <param name="Origin">bundle | runtime | discovered.</param>
/// <param name="Deployed">complete | partial | none.</param>
/// <param name="Target">With a target map: the database it is in (<c>server/database</c> for a tenant's own database on a server).</param>
/// <param name="Node">tenants move (Citus): the worker the tenant's schemas are on afterwards.</param>
public sealed record TenantResult(string Id, string? Name, string Origin, IReadOnlyList<string> Sources, string? Deployed = null, IReadOnlyList<string>? Objects = null, string? Target = null,
    string? Node = null);
