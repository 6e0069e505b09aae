using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// The registry isolation check (<c>tenant.registry</c>: each tenant's roles, and only those, are registered for it) for
/// every tenant from one read of the registry, compared with the roles the bundle declares for each tenant
/// (<see cref="BundleArtefact.Roles"/>), instead of the check's SQL once per tenant (a statement per 250 tenants, each
/// branch reading the registry again). Its findings are the check's: same artefact, tenant, object and problem text.
/// </summary>
internal static class RegistryCheck
{
    /// <summary>The name the compiler gives the check (IsolationCheckCompiler).</summary>
    public const string Name = "tenant.registry";

    /// <summary>
    /// The check's findings for <paramref name="tenants"/>; null when this is not that check, the bundle does not carry
    /// the tenant roles as data (built before they were), or the registry cannot be read: the check's SQL then runs and
    /// reports it as it always did.
    /// </summary>
    public static IReadOnlyList<DriftResult>? Run(NpgsqlConnection connection, NpgsqlTransaction transaction, BundleManifest manifest, IsolationCheck check, IReadOnlyList<string> tenants)
    {
        if (check.Name != Name || check.Scope != ArtefactScope.Tenant
            || manifest.Artefacts.FirstOrDefault(a => a.Id == check.Artefact) is not { Roles: { Count: > 0 } roles } artefact)
        {
            return null;
        }

        if (Read(connection, transaction, artefact.Object) is not { } registered)
        {
            return null;
        }

        var rolesOf = registered.ToLookup(r => r.Tenant, r => r.Role, StringComparer.Ordinal);
        var tenantOf = registered.ToDictionary(r => r.Role, r => r.Tenant, StringComparer.Ordinal);
        var findings = new List<DriftResult>();
        foreach (var tenant in tenants)
        {
            var expected = roles.Select(r => ArtefactTemplate.Expand(r.Name, tenant)).ToList();
            var registry = ArtefactTemplate.Expand(artefact.Object, tenant);
            foreach (var extra in rolesOf[tenant].Where(r => !expected.Contains(r, StringComparer.Ordinal)))
            {
                findings.Add(Finding(tenant, registry, $"role {extra} is registered for tenant {tenant} but is not one of its roles"));
            }

            foreach (var role in expected)
            {
                var holder = tenantOf.GetValueOrDefault(role);
                if (!string.Equals(holder, tenant, StringComparison.Ordinal))
                {
                    findings.Add(Finding(tenant, registry, $"role {role} is not registered for tenant {tenant} (it is for {holder ?? "none"})"));
                }
            }
        }

        return findings;
    }

    private static DriftResult Finding(string tenant, string registry, string problem) => new("check:" + Name, tenant, registry, problem);

    /// <summary>Every (role, tenant) row of the registry, by role name; null if it cannot be read (missing, or not readable by the verifier).</summary>
    private static List<(string Role, string Tenant)>? Read(NpgsqlConnection connection, NpgsqlTransaction transaction, string registry)
    {
        var rows = new List<(string Role, string Tenant)>();
        transaction.Save("tm_registry");
        try
        {
            // The name is the compiler's quoted, qualified name of the registry table (the artefact's object), not input.
            using var command = new NpgsqlCommand("SELECT role_name::text, tenant_id FROM " + registry + " ORDER BY 1", connection, transaction);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        catch (PostgresException)
        {
            transaction.Rollback("tm_registry");
            return null;
        }

        transaction.Release("tm_registry");
        return rows;
    }
}
