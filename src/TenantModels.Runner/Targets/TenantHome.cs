using System;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Connection;

namespace TenantModels.Runner.Targets;

/// <summary>
/// Where one tenant lives in a target map (<c>tenants provision|remove --targets</c>): the database of its entry, or,
/// for a server entry, its own database there, named by <c>naming.database</c> (which may not exist yet).
/// </summary>
/// <param name="Target">As printed: the entry's name, or <c>server/database</c>.</param>
/// <param name="Maintenance">A server entry's maintenance connection (to create or drop the tenant's database); null for a database entry.</param>
internal sealed record TenantHome(string Target, string ConnectionString, string Database, string? Maintenance, bool Exists)
{
    /// <summary>Null with <paramref name="error"/> (and its exit code) when the map gives the tenant no usable database.</summary>
    /// <exception cref="Npgsql.NpgsqlException">The server could not be asked which databases it has.</exception>
    public static TenantHome? Find(TargetMap map, string mapPath, BundleManifest manifest, string tenantId, Func<string, string?> environment, out Diagnostic? error, out int exitCode)
    {
        error = null;
        exitCode = ExitCodes.UsageError;
        var name = map.Tenants.TryGetValue(tenantId, out var named) ? named : map.Default;
        if (name is null)
        {
            error = RunnerDiagnostics.InvalidTargetMap.At(SourceLocation.None, mapPath, $"no target for tenant {tenantId}: add it under \"tenants\" or set \"default\"");
            return null;
        }

        var entry = System.Linq.Enumerable.First(map.Targets, e => e.Name == name);
        var pattern = manifest.DatabasePattern;
        if (!TenantDatabases.IsServer(entry.Connection) || pattern is null)
        {
            var resolved = ConnectionResolver.ForTarget(entry.Connection, entry.PasswordVariable, environment);
            if (resolved.Error is not null)
            {
                error = resolved.Error;
                return null;
            }

            if (pattern is not null && TenantDatabases.TenantOf(pattern, resolved.Database!) is { } owner && owner != tenantId && System.Linq.Enumerable.Any(manifest.Tenants, t => t.Id == owner))
            {
                error = RunnerDiagnostics.WrongTenantDatabase.At(SourceLocation.None, tenantId, resolved.Database!, owner, manifest.DatabaseOf(tenantId)!);
                exitCode = ExitCodes.Refused;
                return null;
            }

            return new TenantHome(entry.Name, resolved.ConnectionString!, resolved.Database!, null, Exists: true);
        }

        var maintenance = ConnectionResolver.ForTarget(TenantDatabases.WithDatabase(entry.Connection, TenantDatabases.MaintenanceDatabase), entry.PasswordVariable, environment);
        if (maintenance.Error is not null)
        {
            error = maintenance.Error;
            return null;
        }

        var database = manifest.DatabaseOf(tenantId)!;
        return new TenantHome(entry.Name + "/" + database, TenantDatabases.WithDatabase(maintenance.ConnectionString!, database), database, maintenance.ConnectionString,
            TenantDatabases.List(maintenance.ConnectionString!, pattern).Contains(database));
    }
}
