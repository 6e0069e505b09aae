using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Connection;

namespace TenantModels.Runner.Targets;

/// <summary>
/// One database a target map's command works on: a database entry of the map as written, or, for a server entry (a
/// connection naming no database), each tenant's own database on it, named by the bundle's <c>naming.database</c>.
/// </summary>
/// <param name="Name">As printed: the entry's name, <c>server/database</c> for a tenant's database on a server.</param>
/// <param name="Connection">The resolved connection string of the database (password from the entry's variable).</param>
/// <param name="Include">Which tenants live in this database.</param>
/// <param name="Maintenance">For a tenant's database on a server: the server's maintenance connection (to create it).</param>
/// <param name="MissingFor">The tenant whose database does not exist yet on the server; null when it exists.</param>
/// <param name="Error">Why the database cannot be worked on (its connection, the server unreachable, a tenant in another's database).</param>
internal sealed record FleetTarget(
    string Name,
    string? Connection,
    string? Database,
    Func<BundleTenant, bool> Include,
    string? Maintenance = null,
    string? MissingFor = null,
    Diagnostic? Error = null,
    int ErrorExit = ExitCodes.UsageError)
{
    /// <summary>
    /// Every database of the map. A database entry is taken as written, except that a tenant is refused in a database
    /// that the bundle's <c>naming.database</c> gives to another tenant of the registry (TM3066): a database the rule
    /// names for no tenant of the registry is the map author's choice.
    /// </summary>
    public static IReadOnlyList<FleetTarget> Expand(TargetMap map, BundleManifest manifest, Func<string, string?> environment)
    {
        var inBundle = new HashSet<string>(manifest.Tenants.Select(t => t.Id), StringComparer.Ordinal);
        var pattern = manifest.DatabasePattern;
        var fleet = new List<FleetTarget>();
        foreach (var entry in map.Targets)
        {
            var mine = manifest.Tenants.Where(t => t.Enabled && map.TargetOf(t) == entry.Name).ToList();
            // Without naming.database there is no rule to derive databases by: a connection naming none means what it
            // always meant (the server's default database), so maps written before servers were targets keep working.
            if (!TenantDatabases.IsServer(entry.Connection) || pattern is null)
            {
                // Tenants provisioned at run time live in the database that recorded them, whatever the map says.
                var resolved = ConnectionResolver.ForTarget(entry.Connection, entry.PasswordVariable, environment);
                Func<BundleTenant, bool> include = t => !inBundle.Contains(t.Id) || map.TargetOf(t) == entry.Name;
                var intruder = pattern is null || resolved.Database is null ? null
                    : mine.FirstOrDefault(t => TenantDatabases.TenantOf(pattern, resolved.Database) is { } owner && owner != t.Id && inBundle.Contains(owner));
                var error = resolved.Error ?? (intruder is null ? null
                    : RunnerDiagnostics.WrongTenantDatabase.At(SourceLocation.None, intruder.Id, resolved.Database!, TenantDatabases.TenantOf(pattern!, resolved.Database!)!, manifest.DatabaseOf(intruder.Id)!));
                fleet.Add(new FleetTarget(entry.Name, resolved.ConnectionString, resolved.Database, include, Error: error, ErrorExit: resolved.Error is null ? ExitCodes.Refused : ExitCodes.UsageError));
                continue;
            }

            fleet.AddRange(OnServer(entry, mine, pattern, inBundle, environment));
        }

        return fleet;
    }

    /// <summary>A server entry: its tenants' databases (existing or not), and the databases of tenants provisioned there at run time.</summary>
    private static IEnumerable<FleetTarget> OnServer(TargetEntry entry, IReadOnlyList<BundleTenant> tenants, string pattern, HashSet<string> inBundle, Func<string, string?> environment)
    {
        var maintenance = ConnectionResolver.ForTarget(TenantDatabases.WithDatabase(entry.Connection, TenantDatabases.MaintenanceDatabase), entry.PasswordVariable, environment);
        if (maintenance.Error is not null)
        {
            return new[] { new FleetTarget(entry.Name, null, null, _ => false, Error: maintenance.Error) };
        }

        SortedSet<string> existing;
        try
        {
            existing = TenantDatabases.List(maintenance.ConnectionString!, pattern);
        }
        catch (NpgsqlException e)
        {
            return new[] { new FleetTarget(entry.Name, null, null, _ => false, Error: RunnerDiagnostics.DatabaseError.At(SourceLocation.None, $"list the databases of server '{entry.Name}'", Output.ErrorCause.Of(e)), ErrorExit: ExitCodes.Failed) };
        }

        var targets = new List<FleetTarget>();
        var derived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            var database = BundleManifest.DatabaseOf(pattern, tenant.Id);
            derived.Add(database);
            targets.Add(new FleetTarget(entry.Name + "/" + database, TenantDatabases.WithDatabase(maintenance.ConnectionString!, database), database,
                t => t.Id == tenant.Id || !inBundle.Contains(t.Id), maintenance.ConnectionString, existing.Contains(database) ? null : tenant.Id));
        }

        // A database the rule names for no tenant of the bundle: a tenant provisioned there at run time (or one removed from the registry).
        foreach (var database in existing.Where(d => !derived.Contains(d)))
        {
            targets.Add(new FleetTarget(entry.Name + "/" + database, TenantDatabases.WithDatabase(maintenance.ConnectionString!, database), database,
                t => !inBundle.Contains(t.Id), maintenance.ConnectionString));
        }

        return targets.OrderBy(t => t.Name, StringComparer.Ordinal);
    }
}
