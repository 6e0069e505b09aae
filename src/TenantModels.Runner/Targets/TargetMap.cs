using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Npgsql;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Targets;

/// <summary>
/// Which database each tenant lives in (database per tenant, or tenants spread over servers). A JSON file:
/// <code>
/// { "targets": { "east": { "connection": "Host=db1;Database=crm", "passwordVariable": "EAST_PASSWORD" } },
///   "tenants": { "acme": "east" },
///   "default": "east" }
/// </code>
/// A tenant goes to its entry in <c>tenants</c>, else to the <c>database</c> key the registry gives it, else to
/// <c>default</c>. Connection strings must not hold passwords: they come from the named variable, else PGPASSWORD
/// or the password file, like the single-database connection.
/// </summary>
internal sealed record TargetMap(IReadOnlyList<TargetEntry> Targets, IReadOnlyDictionary<string, string> Tenants, string? Default)
{
    /// <exception cref="InvalidDataException">The file is unreadable, malformed, or holds a password.</exception>
    public static TargetMap Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var targets = new List<TargetEntry>();
            foreach (var property in root.GetProperty("targets").EnumerateObject())
            {
                var connection = property.Value.GetProperty("connection").GetString() ?? string.Empty;
                var builder = new NpgsqlConnectionStringBuilder(connection);
                if (!string.IsNullOrEmpty(builder.Password))
                {
                    throw new InvalidDataException($"target '{property.Name}' has a password in its connection string; name an environment variable with \"passwordVariable\" instead");
                }

                var variable = property.Value.TryGetProperty("passwordVariable", out var v) ? v.GetString() : null;
                targets.Add(new TargetEntry(property.Name, connection, variable));
            }

            var tenants = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("tenants", out var tenantMap))
            {
                foreach (var property in tenantMap.EnumerateObject())
                {
                    tenants[property.Name] = property.Value.GetString() ?? string.Empty;
                }
            }

            var fallback = root.TryGetProperty("default", out var d) ? d.GetString() : null;
            var map = new TargetMap(targets, tenants, fallback);
            var unknown = tenants.Values.Concat(fallback is null ? Array.Empty<string>() : new[] { fallback })
                .FirstOrDefault(name => targets.All(t => t.Name != name));
            return unknown is null ? map : throw new InvalidDataException($"it names target '{unknown}', which is not under \"targets\"");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>The target a bundle tenant belongs to, or null when the map gives it none.</summary>
    public string? TargetOf(BundleTenant tenant) =>
        Tenants.TryGetValue(tenant.Id, out var explicitTarget) ? explicitTarget
        : tenant.Database is not null && Targets.Any(t => t.Name == tenant.Database) ? tenant.Database
        : Default;
}

/// <param name="PasswordVariable">Environment variable holding this target's password; null uses PGPASSWORD or the password file.</param>
internal sealed record TargetEntry(string Name, string Connection, string? PasswordVariable);
