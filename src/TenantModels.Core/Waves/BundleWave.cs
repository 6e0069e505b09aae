using System.Collections.Generic;

namespace TenantModels.Core.Waves;

/// <summary>
/// A rollout wave as the manifest records it (tenantmodels.yaml <c>waves:</c>): which tenants it selects, by the same
/// criteria as the runner's <c>--tenant</c>, <c>--tier</c> and <c>--where</c>, and how it runs. A wave with no criterion
/// takes every tenant no other wave selects (run-time tenants included).
/// </summary>
/// <param name="Tenants">Tenant ids; empty: any id.</param>
/// <param name="Tier">The tier every selected tenant has; null: any.</param>
/// <param name="Where">Attribute values (canonical text) every selected tenant has, by attribute name; empty: none required.</param>
/// <param name="Jobs">Tenant transactions at once per database during this wave; null: the command line's <c>--jobs</c>.</param>
/// <param name="OnError"><see cref="Halt"/> or <see cref="Continue"/>: whether later waves start after a failure or drift in this one.</param>
public sealed record BundleWave(
    string Name,
    IReadOnlyList<string> Tenants,
    string? Tier,
    IReadOnlyDictionary<string, string> Where,
    int? Jobs,
    string OnError)
{
    public const string Halt = "halt";
    public const string Continue = "continue";

    /// <summary>Takes every tenant no other wave selects.</summary>
    public bool TakesTheRest => Tenants.Count == 0 && Tier is null && Where.Count == 0;

    /// <summary>The criteria as the runner's selection options read them (<c>attribute=value</c>).</summary>
    public IReadOnlyList<string> WhereArguments
    {
        get
        {
            var list = new List<string>();
            foreach (var pair in Where)
            {
                list.Add(pair.Key + "=" + pair.Value);
            }

            return list;
        }
    }
}
