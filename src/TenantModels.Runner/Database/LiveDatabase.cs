using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// Compares what the record says was applied with the live catalog, in a few set-based queries: schemas by name,
/// relations by name (their kind, columns, view definition and options against the snapshot taken right after they
/// were applied), and the bundle's isolation checks for roles, privileges, policies and memberships.
/// </summary>
/// <remarks>
/// Views are compared by the fingerprint of the query tree PostgreSQL stored when they were applied
/// (<see cref="CatalogSnapshot"/>), never by the bundle's SQL spelling, and without taking a lock. Security drift is found by the checks, not per object: any finding makes the roles and
/// grants of the tenant it names (the global ones for a global finding) run again: their SQL reconciles.
/// </remarks>
internal static class LiveDatabase
{
    public static LiveComparison Compare(NpgsqlConnection connection, Bundle bundle)
    {
        var rows = DeploymentRecord.ReadRows(connection, null);
        var drift = new List<DriftResult>();
        var conditions = new Dictionary<(string, string), LiveCondition>();
        CompareObjects(connection, rows, drift, conditions);

        var security = IsolationChecks.Run(connection, bundle, rows, out var skipped);
        drift.AddRange(security);
        if (security.Count > 0)
        {
            var tenants = new HashSet<string>(security.Select(d => d.Tenant ?? string.Empty), StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.Artefact.Kind is ArtefactKind.Roles or ArtefactKind.Grants && tenants.Contains(r.Artefact.TenantId ?? string.Empty)))
            {
                conditions.TryAdd(Key(row.Artefact), LiveCondition.Changed);
            }
        }

        var records = rows.Select(r => conditions.TryGetValue(Key(r.Artefact), out var live) ? r.Artefact with { Live = live } : r.Artefact).ToList();
        return new LiveComparison(records, drift, skipped);
    }

    private static void CompareObjects(NpgsqlConnection connection, IReadOnlyList<RecordedRow> rows, List<DriftResult> drift,
        Dictionary<(string, string), LiveCondition> conditions)
    {
        var relations = CatalogSnapshot.OfRelations(connection, null, rows
            .Where(r => r.Artefact.Object is not null && IsRelation(r.Artefact.Kind))
            .Select(r => r.Artefact.Object!));
        var legacy = CatalogSnapshot.LegacyDefinitions(connection, null, rows
            .Where(r => r.Artefact.Object is not null && r.Catalog?.Definition is { } definition && !CatalogSnapshot.IsFingerprint(definition))
            .Select(r => r.Artefact.Object!));
        var missingSchemas = CatalogSnapshot.MissingSchemas(connection, null, rows
            .Where(r => r.Artefact.Object is not null && r.Artefact.Kind == ArtefactKind.Schema)
            .Select(r => r.Artefact.Object!));

        foreach (var row in rows)
        {
            var record = row.Artefact;
            if (record.Object is null || record.Kind is null || !(IsRelation(record.Kind) || record.Kind == ArtefactKind.Schema))
            {
                // No object name: written by a runner that kept none (the next apply records one). Roles, grants and
                // seeds are no relation: the isolation checks cover the first two.
                continue;
            }

            void Report(LiveCondition condition, string problem)
            {
                drift.Add(new DriftResult(record.ArtefactId, record.TenantId, record.Object, problem));
                conditions.TryAdd(Key(record), condition);
            }

            if (record.Kind == ArtefactKind.Schema)
            {
                if (missingSchemas.Contains(record.Object))
                {
                    Report(LiveCondition.Missing, "schema is missing");
                }

                continue;
            }

            if (!relations.TryGetValue(record.Object, out var live))
            {
                Report(LiveCondition.Missing, "object is missing");
                continue;
            }

            var expectedKind = record.Kind switch { ArtefactKind.View => "v", ArtefactKind.MaterializedView => "m", _ => "r" };
            if (live.RelKind != expectedKind && !(expectedKind == "r" && live.RelKind == "p"))
            {
                Report(LiveCondition.Changed, $"is no longer a {ManifestJson.KindName(record.Kind.Value).Replace('_', ' ')} (relkind '{live.RelKind}')");
                continue;
            }

            if (row.Catalog is not { } deployed)
            {
                continue;
            }

            if (live.Columns != deployed.Columns)
            {
                Report(LiveCondition.Changed, $"columns changed: deployed ({deployed.Columns}), now ({live.Columns})");
            }

            var liveDefinition = deployed.Definition is { } text && !CatalogSnapshot.IsFingerprint(text) ? legacy.GetValueOrDefault(record.Object) : live.Definition;
            if (liveDefinition != deployed.Definition)
            {
                Report(LiveCondition.Changed, "definition changed outside TenantModels");
            }

            if (deployed.Options.Contains("security_invoker=true") && !live.Options.Contains("security_invoker=true"))
            {
                Report(LiveCondition.Changed, "security_invoker is no longer set: the view now runs with its owner's rights");
            }
            else if (live.Options != deployed.Options)
            {
                Report(LiveCondition.Changed, $"options changed: deployed ({deployed.Options}), now ({live.Options})");
            }
        }
    }

    private static bool IsRelation(ArtefactKind? kind) =>
        kind is ArtefactKind.View or ArtefactKind.MaterializedView or ArtefactKind.Table or ArtefactKind.Partition;

    private static (string, string) Key(DeployedArtefact record) => (record.ArtefactId, record.TenantId ?? string.Empty);
}
