using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Apply;

/// <summary>
/// Runs tenant units at once (<c>apply --jobs</c>), each in its own transaction on one of several connections, so a
/// database with many tenants uses more than one server process. Only units that touch nothing but their own tenant's
/// objects run this way; a unit that fails here is not reported but handed back, to be run again alone, so whatever
/// two concurrent transactions did to each other can never become a tenant's failure.
/// </summary>
internal static class ParallelTenantUnits
{
    /// <summary>
    /// A tenant's own schema, views, tables, seeds and grants. Not: a removal, a union dropped and recreated with the
    /// tenant (other tenants' units would race for it and the plan assumed their order), the tenant's roles (they update
    /// database-wide rows such as the database's privileges), or a canonical table's partition (it locks the parent).
    /// </summary>
    public static bool CanRunAlongsideOthers(PlanUnit unit) =>
        unit.Key.Kind == PlanUnitKind.Tenant
        && !unit.Removal
        && unit.Steps.All(s => s.Scope == ArtefactScope.Tenant
            && s.TenantId == unit.Key.TenantId
            && s.Kind is not (ArtefactKind.Roles or ArtefactKind.Partition));

    /// <param name="main">The apply's own connection (it holds the deployment lock); it runs units too.</param>
    /// <param name="applied">Called once per committed unit, from the thread that ran it.</param>
    /// <returns>For each unit, in order, whether it committed. A unit that did not (it failed, or fail-fast stopped the
    /// others before it started) left nothing behind: its transaction was rolled back or never began.</returns>
    /// <exception cref="NpgsqlException">A connection failed outside a statement: the apply cannot continue.</exception>
    public static bool[] Run(
        NpgsqlDataSource dataSource,
        NpgsqlConnection main,
        IReadOnlyList<PlanUnit> units,
        ApplySettings settings,
        BundleManifest manifest,
        long deployment,
        TargetOutput output,
        Action<PlanUnit> applied)
    {
        var committed = new bool[units.Count];
        var next = -1;
        var stop = 0;
        var errors = new List<ExceptionDispatchInfo>();

        void Work(NpgsqlConnection connection)
        {
            try
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= units.Count)
                    {
                        return;
                    }

                    long? recorded = deployment;
                    output.Started(units[index].Key);
                    if (UnitRunner.Run(connection, units[index], settings, manifest, ref recorded) is null)
                    {
                        committed[index] = true;
                        applied(units[index]);
                        continue;
                    }

                    output.Requeued(units[index].Key);
                    if (settings.FailFast)
                    {
                        Volatile.Write(ref stop, 1);
                    }
                }
            }
            catch (Exception e)
            {
                // Whatever it is, the other workers must stop and be waited for before their connections are disposed;
                // the first error is rethrown once they are.
                Volatile.Write(ref stop, 1);
                lock (errors)
                {
                    errors.Add(ExceptionDispatchInfo.Capture(e));
                }
            }
        }

        var wanted = Math.Min(settings.Jobs, units.Count) - 1;
        var extra = OpenExtraConnections(dataSource, wanted);
        if (extra.Count < wanted)
        {
            output.Line($"  --jobs {settings.Jobs}: the server refused more connections, running {extra.Count + 1} tenant transaction(s) at once");
        }

        try
        {
            var workers = extra.Select(c => Task.Factory.StartNew(() => Work(c), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
            Work(main);
            Task.WaitAll(workers.ToArray());
        }
        finally
        {
            foreach (var connection in extra)
            {
                connection.Dispose();
            }
        }

        if (errors.Count > 0)
        {
            errors[0].Throw();
        }

        return committed;
    }

    /// <summary>As many as the server grants: a refused connection (max_connections reached) means fewer jobs, not a failed apply.</summary>
    private static List<NpgsqlConnection> OpenExtraConnections(NpgsqlDataSource dataSource, int count)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < count; i++)
        {
            try
            {
                connections.Add(dataSource.OpenConnection());
            }
            catch (NpgsqlException)
            {
                break;
            }
        }

        return connections;
    }
}
