namespace TenantModels.Core.Documentation;

/// <summary>What a live database says about one tenant, when the site is written with a connection (the data of <c>status</c> and <c>verify</c>).</summary>
/// <param name="State">E.g. <c>up to date</c>, <c>needs apply</c>, <c>not deployed</c>.</param>
/// <param name="DeployedVersion">The bundle version its objects were last applied from; null when none are.</param>
/// <param name="Drift">What differs from the record (objects missing or changed outside TenantModels); empty when nothing.</param>
/// <param name="LastApplied">When its objects were last applied (UTC, <c>u</c> format); null when never.</param>
/// <param name="LastRefreshed">When its materialized views and canonical rows were last refreshed (UTC, <c>u</c> format); null when never recorded.</param>
public sealed record TenantLiveStatus(string TenantId, string State, string? DeployedVersion, System.Collections.Generic.IReadOnlyList<string> Drift, string? LastApplied,
    string? LastRefreshed = null);
