using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Npgsql;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Database;

/// <summary>Tenants provisioned at run time (<c>tenantmodels.runtime_tenant</c>): the bundle does not list them, the database does.</summary>
internal static class RuntimeTenants
{
    /// <summary>The runner schema version whose <c>runtime_tenant</c> keeps a tier and attributes.</summary>
    private const int TierVersion = 10;

    public static IReadOnlyList<BundleTenant> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var tenants = new List<BundleTenant>();
        var version = RunnerSchema.Version(connection, transaction);
        if (version < 2)
        {
            return tenants;
        }

        var extra = version >= TierVersion ? "tier, attributes::text" : "NULL, NULL";
        using var command = new NpgsqlCommand($"SELECT tenant_id, name, sources, {extra} FROM tenantmodels.runtime_tenant ORDER BY provisioned_at, tenant_id", connection, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tenants.Add(new BundleTenant(reader.GetString(0), reader.GetString(1), true, reader.GetFieldValue<string[]>(2).ToList(),
                Tier: reader.IsDBNull(3) ? null : reader.GetString(3),
                Attributes: reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<SortedDictionary<string, string>>(reader.GetString(4))));
        }

        return tenants;
    }

    /// <summary>Run after <see cref="RunnerSchema.EnsureCurrent"/>, so the tier and attribute columns exist.</summary>
    public static void Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, BundleTenant tenant)
    {
        using var command = new NpgsqlCommand("INSERT INTO tenantmodels.runtime_tenant (tenant_id, name, sources, tier, attributes) VALUES ($1, $2, $3, $4, $5::jsonb)", connection, transaction);
        command.Parameters.AddWithValue(tenant.Id);
        command.Parameters.AddWithValue(tenant.Name);
        command.Parameters.AddWithValue(tenant.Sources.ToArray());
        command.Parameters.AddWithValue((object?)tenant.Tier ?? DBNull.Value);
        command.Parameters.AddWithValue(tenant.Attributes is { Count: > 0 } attributes ? JsonSerializer.Serialize(new SortedDictionary<string, string>(attributes.ToDictionary(a => a.Key, a => a.Value), StringComparer.Ordinal)) : DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static void Delete(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId)
    {
        using var command = new NpgsqlCommand("DELETE FROM tenantmodels.runtime_tenant WHERE tenant_id = $1", connection, transaction);
        command.Parameters.AddWithValue(tenantId);
        command.ExecuteNonQuery();
    }
}
