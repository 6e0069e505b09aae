using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using TenantModels.Core.Waves;

namespace TenantModels.Core.Bundling;

/// <summary>The manifest's <c>waves</c>: one object per wave, keys in a fixed order, optional ones only when set.</summary>
internal static class WavesJson
{
    public static void Write(StringBuilder sb, BundleWave wave)
    {
        sb.Append("{ \"name\": ").Append(ManifestJson.Str(wave.Name));
        if (wave.Tenants.Count > 0)
        {
            sb.Append(", \"tenants\": [").Append(string.Join(", ", wave.Tenants.Select(ManifestJson.Str).ToArray())).Append(']');
        }

        if (wave.Tier is not null)
        {
            sb.Append(", \"tier\": ").Append(ManifestJson.Str(wave.Tier));
        }

        if (wave.Where.Count > 0)
        {
            sb.Append(", \"where\": { ")
              .Append(string.Join(", ", wave.Where.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => ManifestJson.Str(w.Key) + ": " + ManifestJson.Str(w.Value)).ToArray()))
              .Append(" }");
        }

        if (wave.Jobs is { } jobs)
        {
            sb.Append(", \"jobs\": ").Append(jobs.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(", \"onError\": ").Append(ManifestJson.Str(wave.OnError)).Append(" }");
    }

    public static IReadOnlyList<BundleWave> Read(JsonElement waves) => waves.EnumerateArray().Select(w => new BundleWave(
        w.GetProperty("name").GetString()!,
        w.TryGetProperty("tenants", out var tenants) ? tenants.EnumerateArray().Select(t => t.GetString()!).ToList() : new List<string>(),
        w.TryGetProperty("tier", out var tier) ? tier.GetString() : null,
        w.TryGetProperty("where", out var where)
            ? where.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal),
        w.TryGetProperty("jobs", out var jobs) ? jobs.GetInt32() : null,
        w.GetProperty("onError").GetString()!)).ToList();
}
