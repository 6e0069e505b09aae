using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace TenantModels.Core.Bundling;

/// <summary>The manifest's <c>schedules</c> and <c>scheduleTenants</c>: keys in a fixed order, optional ones only when set.</summary>
internal static class SchedulesJson
{
    public static void Write(StringBuilder sb, BundleSchedule schedule)
    {
        sb.Append("{ \"model\": ").Append(ManifestJson.Str(schedule.Model))
          .Append(", \"artefacts\": [").Append(string.Join(", ", schedule.Artefacts.Select(ManifestJson.Str).ToArray())).Append(']');
        if (schedule.Cron is { } cron)
        {
            sb.Append(", \"cron\": ").Append(ManifestJson.Str(cron));
        }
        else
        {
            sb.Append(", \"at\": [").Append(string.Join(", ", schedule.At.Select(ManifestJson.Str).ToArray())).Append(']');
        }

        sb.Append(" }");
    }

    public static void Write(StringBuilder sb, ScheduleTenant tenant)
    {
        sb.Append("{ \"tenant\": ").Append(tenant.Tenant is null ? "null" : ManifestJson.Str(tenant.Tenant))
          .Append(", \"timeZone\": ").Append(ManifestJson.Str(tenant.TimeZone))
          .Append(", \"refreshTimeout\": ").Append(tenant.RefreshTimeoutSeconds is { } seconds ? seconds.ToString(CultureInfo.InvariantCulture) : "null")
          .Append(" }");
    }

    public static IReadOnlyList<BundleSchedule> ReadSchedules(JsonElement schedules) => schedules.EnumerateArray().Select(s => new BundleSchedule(
        s.GetProperty("model").GetString()!,
        s.GetProperty("artefacts").EnumerateArray().Select(a => a.GetString()!).ToList(),
        s.TryGetProperty("at", out var at) ? at.EnumerateArray().Select(t => t.GetString()!).ToList() : new List<string>(),
        s.TryGetProperty("cron", out var cron) ? cron.GetString() : null)).ToList();

    public static IReadOnlyList<ScheduleTenant> ReadTenants(JsonElement tenants) => tenants.EnumerateArray().Select(t => new ScheduleTenant(
        t.GetProperty("tenant").ValueKind == JsonValueKind.Null ? null : t.GetProperty("tenant").GetString(),
        t.GetProperty("timeZone").GetString()!,
        t.GetProperty("refreshTimeout").ValueKind == JsonValueKind.Null ? null : t.GetProperty("refreshTimeout").GetInt32())).ToList();
}
