using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Commands;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Citus;

/// <summary>
/// <c>tenants move &lt;tenant&gt; --to host:port</c>: moves a tenant's distributed schemas to another worker of the Citus
/// cluster with <c>citus_schema_move</c> (online: logical replication when every table has a replica identity, as
/// Citus's <c>auto</c> transfer mode decides). A tenant schema still local to the coordinator (deployed before the bundle
/// chose Citus) is distributed first with <c>citus_schema_distribute</c>. Roles, grants and policies are the schema's
/// own objects and travel with it; the deployment lock keeps an apply from running meanwhile. In shared isolation the
/// tenant's rows move instead, in a shard group of their own (<see cref="SharedTenantMove"/>).
/// </summary>
internal sealed class TenantMoveCommand
{
    private readonly RunnerContext _context;

    public TenantMoveCommand(RunnerContext context) => _context = context;

    public int Run(TenantsOptions options)
    {
        var reporter = new Reporter(_context, "tenants move", options.Json) { Quiet = options.Quiet };
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode);
        if (preflight is null)
        {
            return exitCode;
        }

        var tenant = options.TenantId!;
        var manifest = preflight.Bundle.Manifest;
        if (!CitusTarget.Is(manifest))
        {
            return reporter.Fail(ExitCodes.UsageError, Refusal(tenant, "the bundle is not for a Citus cluster (tenantmodels.yaml has no 'distribution: citus')"));
        }

        if (!TryParseNode(options.ToNode, out var host, out var port))
        {
            return reporter.Fail(ExitCodes.UsageError, Refusal(tenant, $"--to '{options.ToNode}' is not host:port"));
        }

        using var dataSource = RunnerDataSource.Create(preflight.ConnectionString);
        try
        {
            using var connection = dataSource.OpenConnection();
            var lockWait = TimeSpan.FromSeconds(options.LockWaitSeconds);
            if (!DeploymentLock.TryAcquire(connection, lockWait))
            {
                return reporter.Fail(ExitCodes.LockNotAcquired, DeploymentLock.Refusal(connection, preflight.Database, lockWait));
            }

            try
            {
                return MoveLocked(connection, preflight, tenant, host, port, TimeSpan.FromSeconds(options.MoveTimeoutSeconds), reporter);
            }
            finally
            {
                DeploymentLock.ReleaseQuietly(connection);
            }
        }
        catch (PostgresException e)
        {
            // The server's own words: Citus explains why a schema cannot move (e.g. a table without a replica identity).
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "move tenant '" + tenant + "'", ErrorCause.Of(e)));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "move tenant '" + tenant + "'", ErrorCause.Of(e)));
        }
    }

    private static int MoveLocked(NpgsqlConnection connection, Preflight preflight, string tenant, string host, int port, TimeSpan timeout, Reporter reporter)
    {
        var manifest = preflight.Bundle.Manifest;
        if (CitusReadiness.Refusal(connection, manifest, preflight.Database) is { } notCitus)
        {
            return reporter.Fail(ExitCodes.Failed, notCitus);
        }

        if (!manifest.Tenants.Any(t => t.Id == tenant) && !RuntimeTenants.Read(connection, null).Any(t => t.Id == tenant))
        {
            return reporter.Fail(ExitCodes.UsageError, Refusal(tenant, "it is neither in the bundle nor provisioned in this database"));
        }

        if (!IsWorker(connection, host, port))
        {
            return reporter.Fail(ExitCodes.UsageError, Refusal(tenant, $"{host}:{port} is not an active worker of this cluster (see pg_dist_node, or `tenantmodels status` for where tenants are)"));
        }

        Action<MoveDeadline> move;
        if (SharedPlacements.Applies(manifest))
        {
            if (SharedPlacements.DistributedTable(connection, manifest) is not { } table)
            {
                return reporter.Fail(ExitCodes.UsageError, Refusal(tenant, "no shared or canonical table of the bundle is distributed in this database (apply the bundle first)"));
            }

            move = deadline => SharedTenantMove.Run(connection, table, tenant, host, port, deadline, reporter);
        }
        else
        {
            var schemas = Existing(connection, CitusTarget.TenantSchemas(manifest, tenant));
            if (schemas.Count == 0)
            {
                return reporter.Fail(ExitCodes.UsageError, Refusal(tenant, "none of its schemas exists in this database (apply the bundle first)"));
            }

            move = deadline => MoveSchemas(connection, schemas, host, port, deadline, reporter);
        }

        var target = host + ":" + port.ToString(CultureInfo.InvariantCulture);
        var from = TenantPlacements.Read(connection, manifest, new[] { tenant })[tenant];
        var deadline = MoveDeadline.Start(timeout);
        try
        {
            move(deadline);
        }
        catch (PostgresException e) when (deadline.Expired(e))
        {
            var where = TenantPlacements.Read(connection, manifest, new[] { tenant })[tenant];
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.TenantMoveTimedOut.At(SourceLocation.None, tenant, target,
                deadline.Seconds.ToString(CultureInfo.InvariantCulture), "the tenant is on " + where));
        }

        var now = TenantPlacements.Read(connection, manifest, new[] { tenant })[tenant];
        reporter.Line(from == now ? $"Tenant {tenant} is on {now}: nothing to move." : $"Moved tenant {tenant} from {from} to {now}.");
        reporter.WriteJson(new RunResult("tenants move", from == now ? "up-to-date" : "moved", ExitCodes.Success, manifest.Project, manifest.BundleVersion, manifest.ContentHash)
        {
            Tenants = new[] { new TenantResult(tenant, null, "moved", Array.Empty<string>(), Node: now) },
        });
        return ExitCodes.Success;
    }

    private static void MoveSchemas(NpgsqlConnection connection, List<string> schemas, string host, int port, MoveDeadline deadline, Reporter reporter)
    {
        var target = host + ":" + port.ToString(CultureInfo.InvariantCulture);
        foreach (var schema in schemas)
        {
            var nodes = TenantPlacements.NodesOf(connection, new[] { schema });
            if (!nodes.ContainsKey(schema))
            {
                Execute(connection, "SELECT citus_schema_distribute($1::regnamespace)", schema);
                reporter.Line($"  distributed {schema} (it was local to the coordinator)");
                nodes = TenantPlacements.NodesOf(connection, new[] { schema });
            }

            if (nodes[schema] is { } node && node != target)
            {
                MoveSchema(connection, schema, host, port, deadline);
                reporter.Line($"  moved {schema} from {node} to {target}");
            }
        }
    }

    private static Diagnostic Refusal(string tenant, string reason) => RunnerDiagnostics.TenantNotMoved.At(SourceLocation.None, tenant, reason);

    /// <summary>host:port; the port may be left out for PostgreSQL's default, 5432.</summary>
    public static bool TryParseNode(string? written, out string host, out int port)
    {
        host = string.Empty;
        port = 5432;
        if (string.IsNullOrWhiteSpace(written))
        {
            return false;
        }

        var colon = written.LastIndexOf(':');
        host = colon < 0 ? written : written.Substring(0, colon);
        return host.Length > 0
            && (colon < 0 || (int.TryParse(written.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536));
    }

    private static bool IsWorker(NpgsqlConnection connection, string host, int port)
    {
        using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = $1 AND nodeport = $2 AND groupid <> 0 AND noderole = 'primary' AND isactive AND shouldhaveshards)", connection);
        command.Parameters.AddWithValue(host);
        command.Parameters.AddWithValue(port);
        return command.ExecuteScalar() is true;
    }

    private static List<string> Existing(NpgsqlConnection connection, IReadOnlyList<string> schemas)
    {
        using var command = new NpgsqlCommand("SELECT nspname::text FROM pg_catalog.pg_namespace WHERE nspname = ANY($1)", connection);
        command.Parameters.AddWithValue(schemas.ToArray());
        var found = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                found.Add(reader.GetString(0));
            }
        }

        return schemas.Where(found.Contains).ToList();
    }

    private static void MoveSchema(NpgsqlConnection connection, string schema, string host, int port, MoveDeadline deadline) =>
        TableOwnerHandover.InSchema(connection, schema, deadline, () =>
        {
            deadline.Limit(connection);
            Execute(connection, "SELECT citus_schema_move($1::regnamespace, $2, $3)", schema, host, port);
        });

    /// <summary>Each call is its own transaction: Citus's moves and splits cannot run inside a transaction block.</summary>
    internal static void Execute(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        if (sql.Length == 0)
        {
            return;
        }

        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        command.ExecuteNonQuery();
    }
}
