using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace TenantModels.Core.Bundling;

/// <summary>The manifest's per-tenant values: <c>tenantValues</c> (what the SQL uses) and each tenant's <c>values</c>.</summary>
internal static class TenantValuesJson
{
    public static void WriteDeclaration(StringBuilder json, TenantValueDeclaration declaration) =>
        json.Append("{ \"key\": ").Append(ManifestJson.Str(declaration.Key))
            .Append(", \"type\": ").Append(ManifestJson.Str(declaration.Type))
            .Append(", \"nullable\": ").Append(declaration.Nullable ? "true" : "false")
            .Append(", \"default\": ").Append(StrOrNull(declaration.Default)).Append(" }");

    /// <summary>Appends <c>, "values": { … }</c>: the tenant's value of every declaration, in declaration order.</summary>
    public static void WriteValues(StringBuilder json, BundleTenant tenant, IReadOnlyList<TenantValueDeclaration> declarations) =>
        json.Append(", \"values\": { ")
            .Append(string.Join(", ", declarations.Select(d => ManifestJson.Str(d.Key) + ": " + StrOrNull(ValueOf(tenant, d.Key))).ToArray()))
            .Append(" }");

    public static IReadOnlyList<TenantValueDeclaration>? ReadDeclarations(JsonElement root) =>
        root.TryGetProperty("tenantValues", out var values)
            ? values.EnumerateArray().Select(d => new TenantValueDeclaration(
                d.GetProperty("key").GetString()!,
                d.GetProperty("type").GetString()!,
                d.GetProperty("nullable").GetBoolean(),
                d.GetProperty("default").GetString())).ToList()
            : null;

    /// <summary>A tenant's values, typed by the declarations; every declared key must be there.</summary>
    /// <exception cref="FormatException">A declared value is missing.</exception>
    public static IReadOnlyList<TenantValue>? ReadValues(JsonElement tenant, IReadOnlyList<TenantValueDeclaration>? declarations)
    {
        if (declarations is null)
        {
            return null;
        }

        var values = tenant.GetProperty("values");
        return declarations.Select(d => values.TryGetProperty(d.Key, out var value)
            ? new TenantValue(d.Key, d.Type, value.GetString())
            : throw new FormatException($"tenant '{tenant.GetProperty("id").GetString()}' has no value for '{d.Key}'")).ToList();
    }

    private static string? ValueOf(BundleTenant tenant, string key) =>
        tenant.Values?.FirstOrDefault(v => v.Key == key) is { } value
            ? value.Value
            : throw new InvalidOperationException($"tenant '{tenant.Id}' has no value for '{key}'");

    private static string StrOrNull(string? value) => value is null ? "null" : ManifestJson.Str(value);
}
