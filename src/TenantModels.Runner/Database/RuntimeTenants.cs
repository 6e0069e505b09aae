using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Database;

/// <summary>Tenants provisioned at run time (<c>tenantmodels.runtime_tenant</c>): the bundle does not list them, the database does.</summary>
internal static class RuntimeTenants
{
    public static IReadOnlyList<BundleTenant> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var tenants = new List<BundleTenant>();
        if (RunnerSchema.Version(connection, transaction) < 2)
        {
            return tenants;
        }

        using var command = new NpgsqlCommand("SELECT tenant_id, name, sources FROM tenantmodels.runtime_tenant ORDER BY provisioned_at, tenant_id", connection, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tenants.Add(new BundleTenant(reader.GetString(0), reader.GetString(1), true, reader.GetFieldValue<string[]>(2).ToList()));
        }

        return tenants;
    }

    public static void Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, BundleTenant tenant)
    {
        using var command = new NpgsqlCommand("INSERT INTO tenantmodels.runtime_tenant (tenant_id, name, sources) VALUES ($1, $2, $3)", connection, transaction);
        command.Parameters.AddWithValue(tenant.Id);
        command.Parameters.AddWithValue(tenant.Name);
        command.Parameters.AddWithValue(tenant.Sources.ToArray());
        command.ExecuteNonQuery();
    }

    public static void Delete(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId)
    {
        using var command = new NpgsqlCommand("DELETE FROM tenantmodels.runtime_tenant WHERE tenant_id = $1", connection, transaction);
        command.Parameters.AddWithValue(tenantId);
        command.ExecuteNonQuery();
    }
}
