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
/// Views are compared by the version of the query tree PostgreSQL stored when they were applied
/// (<see cref="CatalogSnapshot"/>), never by the bundle's SQL spelling, and without taking a lock. Security drift is
/// found, for a bundle that carries its security as data, by the typed comparison (<see cref="LiveSecurity"/>): each
/// difference makes the artefact that declares the state run again. What only the isolation checks assert (and all of
/// it for older bundles) is found by the checks: a finding about one object's privileges or policies makes that object's
/// grants run again, any other finding the roles and grants of the tenant it names (the global ones for a global
/// finding). Their SQL reconciles.
/// </remarks>
internal static class LiveDatabase
{
    /// <summary>
    /// Findings that running the roles and grants artefacts again cannot repair: logins (<c>logins apply</c> does) and
    /// definer functions the bundle never made. Reported by verify; planning them would re-run the security SQL forever.
    /// </summary>
    private static readonly HashSet<string> ReportedOnly = new(StringComparer.Ordinal) { "check:logins", "check:functions.public_definer" };

    /// <param name="rowChecks">
    /// Also run the behavioural isolation checks (as each tenant's roles, no row of another tenant is visible): verify
    /// does; planning does not, since their causes (privileges, policies, RLS) are what the structural checks find, and
    /// they cost a SET ROLE and a read per tenant and shared table.
    /// </param>
    public static LiveComparison Compare(NpgsqlConnection connection, Bundle bundle, bool rowChecks = false)
    {
        using var settings = CatalogReadSettings.Apply(connection);
        var rows = DeploymentRecord.ReadRowsWithoutCatalog(connection, null);
        var drift = new List<DriftResult>();
        var conditions = new Dictionary<(string, string), LiveCondition>();
        var liveTables = new Dictionary<(string, string), LiveTable>();
        var (verified, compared) = CompareCatalog(connection, rows, drift, conditions, liveTables, catalogRead: false);

        // With typed security in the bundle, the typed comparison decides about what it covers; the remaining isolation
        // checks still run, and a finding of theirs the typed comparison made too is reported once.
        var typed = LiveSecurity.Compare(connection, bundle, rows);
        var security = IsolationChecks.Run(connection, bundle, rows, rowChecks, out var skipped, typed is null ? null : typed.Covers);
        if (typed is not null)
        {
            var found = typed.Drift.ToList();
            var reported = found.Select(d => (d.Tenant, d.Object, d.Problem)).ToHashSet();
            security = security.Where(d => !reported.Contains((d.Tenant, d.Object, d.Problem))).ToList();
            drift.AddRange(found);
            foreach (var difference in typed.Differences)
            {
                // The artefact that declares the state reconciles it: its SQL revokes, grants, re-owns, re-creates policies.
                conditions.TryAdd((difference.Artefact, difference.Tenant ?? string.Empty), LiveCondition.Changed);
            }
        }

        drift.AddRange(security);
        MarkSecurityRepairs(bundle, rows, security, conditions);

        var records = rows.Select(r => conditions.TryGetValue(Key(r.Artefact), out var live) || liveTables.ContainsKey(Key(r.Artefact))
            ? r.Artefact with { Live = conditions.TryGetValue(Key(r.Artefact), out var condition) ? condition : null, LiveTable = liveTables.GetValueOrDefault(Key(r.Artefact)) }
            : r.Artefact).ToList();
        return new LiveComparison(records, drift, skipped, verified, compared, rows);
    }

    /// <summary>
    /// What the isolation checks' findings make apply run again. A finding of a check about one object's privileges,
    /// RLS or policies re-runs that object's grants artefact alone (for a shared table, re-running every grants artefact
    /// would recreate every table's policies, each an ACCESS EXCLUSIVE lock); any other finding (roles, memberships,
    /// schemas, functions) re-runs the roles and grants of the tenant it names, or the global ones.
    /// </summary>
    private static void MarkSecurityRepairs(Bundle bundle, IReadOnlyList<RecordedRow> rows, IReadOnlyList<DriftResult> security,
        Dictionary<(string, string), LiveCondition> conditions)
    {
        var repairable = security.Where(d => !ReportedOnly.Contains(d.Artefact)).ToList();
        if (repairable.Count == 0)
        {
            return;
        }

        var grants = rows.Where(r => r.Artefact.Kind == ArtefactKind.Grants).Select(r => Key(r.Artefact)).ToHashSet();
        var checkedArtefacts = IsolationChecks.ArtefactsByCheck(bundle);
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in repairable)
        {
            var tenant = finding.Tenant ?? string.Empty;
            if (checkedArtefacts.TryGetValue(finding.Artefact, out var artefact) && grants.Contains((artefact, tenant)))
            {
                conditions.TryAdd((artefact, tenant), LiveCondition.Changed);
            }
            else
            {
                tenants.Add(tenant);
            }
        }

        foreach (var row in rows.Where(r => r.Artefact.Kind is ArtefactKind.Roles or ArtefactKind.Grants && tenants.Contains(r.Artefact.TenantId ?? string.Empty)))
        {
            conditions.TryAdd(Key(row.Artefact), LiveCondition.Changed);
        }
    }

    /// <summary>
    /// Run by apply under its lock once its units are done: compares the schemas they changed and stores the keys of
    /// those found as recorded, so that the plan and verify after an apply compare nothing they need not. Reads only
    /// those schemas' records and catalog rows: adding one tenant to 10,000 costs that tenant's schemas and the shared
    /// ones, not a pass over every tenant. The isolation checks are not run: they are never skipped.
    /// </summary>
    /// <param name="rows">
    /// Every record row that can be in those schemas now, each with its schema (the rows read before the apply and those
    /// its steps wrote): read again by primary key, not by scanning the record for the schemas' names. A row left out
    /// only makes the stored key differ from the next comparison's, which then compares that schema: never a schema
    /// taken as unchanged that was not compared.
    /// </param>
    public static void Settle(NpgsqlConnection connection, IEnumerable<string> changedSchemas, IEnumerable<(string ArtefactId, string? TenantId, string? Schema)> rows)
    {
        var schemas = changedSchemas.ToHashSet(StringComparer.Ordinal);
        if (schemas.Count == 0)
        {
            return;
        }

        using var settings = CatalogReadSettings.Apply(connection);
        var keys = rows.Where(r => r.Schema is not null && schemas.Contains(r.Schema)).Select(r => (r.ArtefactId, r.TenantId ?? string.Empty)).Distinct().ToList();
        var (verified, _) = CompareCatalog(connection, DeploymentRecord.ReadRows(connection, null, keys), new List<DriftResult>(),
            new Dictionary<(string, string), LiveCondition>(), new Dictionary<(string, string), LiveTable>(), catalogRead: true);
        SchemaFingerprints.Store(connection, verified, schemas);
    }

    /// <summary>
    /// The object-by-object comparison of the managed schemas that changed since an apply last found them as recorded
    /// (<see cref="SchemaFingerprints"/>). Returns the keys of the schemas now known to be as recorded, and how many
    /// schemas were compared.
    /// </summary>
    /// <param name="catalogRead">Whether <paramref name="rows"/> carry their catalog snapshots; when not, they are read for the compared schemas only.</param>
    private static (IReadOnlyDictionary<string, string> Verified, int Compared) CompareCatalog(NpgsqlConnection connection, IReadOnlyList<RecordedRow> rows,
        List<DriftResult> drift, Dictionary<(string, string), LiveCondition> conditions, Dictionary<(string, string), LiveTable> liveTables, bool catalogRead)
    {
        // Read before the comparison: a change made while it runs is seen by it or changes these.
        var bySchema = rows.Where(r => SchemaFingerprints.SchemaOf(r.Artefact) is not null)
            .GroupBy(r => SchemaFingerprints.SchemaOf(r.Artefact)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var live = SchemaFingerprints.Live(connection, bySchema.Keys);
        var stored = SchemaFingerprints.Stored(connection);
        var keys = live.ToDictionary(l => l.Key, l => SchemaFingerprints.Key(l.Value, bySchema[l.Key]), StringComparer.Ordinal);
        var unchanged = keys.Where(k => stored.TryGetValue(k.Key, out var key) && key == k.Value).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var compared = rows.Where(r => SchemaFingerprints.SchemaOf(r.Artefact) is not { } schema || !unchanged.Contains(schema)).ToList();
        var comparedSchemas = bySchema.Keys.Where(s => !unchanged.Contains(s)).ToList();
        if (!catalogRead && comparedSchemas.Count > 0)
        {
            // By key: a pass over the record for the schemas' names cost as much as reading it all again.
            var snapshots = DeploymentRecord.ReadRows(connection, null, comparedSchemas.SelectMany(s => bySchema[s]).Select(r => Key(r.Artefact)).ToList())
                .ToDictionary(r => Key(r.Artefact));
            compared = compared.Select(r => snapshots.GetValueOrDefault(Key(r.Artefact)) ?? r).ToList();
        }

        var before = drift.Count;
        CompareObjects(connection, compared, rows, drift, conditions);
        CompareTables(connection, compared, drift, conditions, liveTables);

        var dirty = drift.Skip(before).Select(d => SchemaFingerprints.SchemaOf(d.Object)).Where(s => s is not null).ToHashSet(StringComparer.Ordinal);
        return (keys.Where(k => !dirty.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal), bySchema.Count - unchanged.Count);
    }

    /// <param name="rows">The records to compare (those of schemas unchanged since they were last found clean are not).</param>
    /// <param name="allRows">Every record: what is managed, for the objects found in the compared schemas.</param>
    private static void CompareObjects(NpgsqlConnection connection, IReadOnlyList<RecordedRow> rows, IReadOnlyList<RecordedRow> allRows, List<DriftResult> drift,
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

        ReportUnmanaged(connection, rows, allRows, missingSchemas, drift);

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

            // A table with a recorded definition is compared column by column (CompareTables).
            if (live.Columns != deployed.Columns && !(record.Kind == ArtefactKind.Table && record.Definition is { Length: > 0 }))
            {
                Report(LiveCondition.Changed, $"columns changed: deployed ({deployed.Columns}), now ({live.Columns})");
            }

            // A table's definition is the version of its column defaults, compared with its shape (CompareTables).
            var liveDefinition = deployed.Definition is { } text && !CatalogSnapshot.IsFingerprint(text) ? legacy.GetValueOrDefault(record.Object) : live.Definition;
            if (record.Kind != ArtefactKind.Table && liveDefinition != deployed.Definition)
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

    /// <summary>
    /// Each recorded table against the live one: the constraints and indexes it was created with, and its columns with
    /// their types and nullability. A difference makes the record carry the live shape (<see cref="LiveTable"/>), which ALTER planning
    /// starts from; a column added by hand is reported and kept in that shape, so a bundle declaring it is planned
    /// against its real type.
    /// </summary>
    private static void CompareTables(NpgsqlConnection connection, IReadOnlyList<RecordedRow> rows, List<DriftResult> drift,
        Dictionary<(string, string), LiveCondition> conditions, Dictionary<(string, string), LiveTable> liveTables)
    {
        var tables = rows.Where(r => r.Artefact.Kind == ArtefactKind.Table && r.Artefact.Object is not null
            && r.Artefact.Definition is { Length: > 0 } && !conditions.ContainsKey(Key(r.Artefact))).ToList();
        var live = CatalogSnapshot.ShapeOfTables(connection, null, tables.Select(r => r.Artefact.Object!));
        foreach (var row in tables)
        {
            var record = row.Artefact;
            if (!live.TryGetValue(record.Object!, out var shape))
            {
                continue;
            }

            if (RecordedTable.Of(record) is not { } recorded)
            {
                continue; // a record ALTER planning cannot read either: planning says so (TM3010)
            }

            void Report(string problem) => drift.Add(new DriftResult(record.ArtefactId, record.TenantId, record.Object!, problem));

            var changed = false;
            var lost = recorded.Constraints.Select(c => (c.Name, What: "constraint")).Concat(recorded.Indexes.Select(i => (i.Name, What: "index")))
                .Where(p => !shape.Parts.Contains(p.Name)).ToList();
            foreach (var (name, what) in lost)
            {
                Report($"{what} {name} is missing");
                changed = true;
            }

            foreach (var column in recorded.Columns)
            {
                if (!shape.Columns.TryGetValue(column.Name, out var type))
                {
                    Report($"column {column.Name} is missing");
                    changed = true;
                }
                else
                {
                    if (TableDiff.Normalize(type) != TableDiff.Normalize(column.Type))
                    {
                        Report($"column {column.Name} is {type}, deployed as {column.Type}");
                        changed = true;
                    }

                    // Only a NOT NULL lost counts: primary key and identity columns are NOT NULL without the definition saying so.
                    if (column.NotNull && !shape.NotNull.Contains(column.Name))
                    {
                        Report($"column {column.Name} is nullable, deployed NOT NULL");
                        changed = true;
                    }
                }
            }

            // Recorded before defaults had a version (no snapshot of them): nothing to compare with until the next apply records one.
            var defaultsChanged = row.Catalog?.Definition is { } defaults && defaults.StartsWith(CatalogSnapshot.DefaultsPrefix, StringComparison.Ordinal)
                && defaults != shape.Defaults;
            if (defaultsChanged)
            {
                Report("column defaults were changed outside TenantModels (set, changed or dropped)");
                changed = true;
            }

            var recordedNames = new HashSet<string>(recorded.Columns.Select(c => c.Name), StringComparer.Ordinal);
            var added = shape.Columns.Keys.Where(c => !recordedNames.Contains(c)).ToList();
            foreach (var name in added)
            {
                Report($"column {name} ({shape.Columns[name]}) is not in the deployed definition (added outside TenantModels): left alone");
            }

            if (changed || added.Count > 0)
            {
                liveTables[Key(record)] = new LiveTable(lost.Select(p => p.Name).ToList(), shape.Columns, shape.NotNull, defaultsChanged);
            }

            if (changed)
            {
                conditions[Key(record)] = LiveCondition.Changed;
            }
        }
    }

    /// <summary>
    /// Tables, views and materialized views in the schemas the runner created that no record names: made by hand (or by
    /// another tool). They are reported, never dropped: whatever they expose is outside what the bundle declares.
    /// </summary>
    private static void ReportUnmanaged(NpgsqlConnection connection, IReadOnlyList<RecordedRow> rows, IReadOnlyList<RecordedRow> allRows, IReadOnlySet<string> missingSchemas, List<DriftResult> drift)
    {
        var schemas = rows.Where(r => r.Artefact.Kind == ArtefactKind.Schema && r.Artefact.Object is not null && !missingSchemas.Contains(r.Artefact.Object))
            .GroupBy(r => r.Artefact.Object!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Artefact, StringComparer.Ordinal);
        if (schemas.Count == 0)
        {
            return;
        }

        // Records name objects as the compiler writes them: every part quoted.
        // One pass over pg_class (no index leads from a schema to its relations): joining from the schema names instead
        // is planned from an estimate of 10 of them, as a scan of pg_class per schema.
        var managed = new HashSet<string>(allRows.Where(r => r.Artefact.Object is not null).Select(r => r.Artefact.Object!), StringComparer.Ordinal);
        using var command = new NpgsqlCommand(
            """
            SELECT '"' || replace(n.nspname, '"', '""') || '"', '"' || replace(n.nspname, '"', '""') || '"."' || replace(c.relname, '"', '""') || '"', c.relkind::text
            FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relnamespace IN (SELECT to_regnamespace(s.name) FROM unnest($1::text[]) AS s(name))
            ORDER BY 2
            """,
            connection);
        command.Parameters.AddWithValue(schemas.Keys.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(1);
            if (managed.Contains(name) || !schemas.TryGetValue(reader.GetString(0), out var schema))
            {
                continue;
            }

            var kind = reader.GetString(2) switch { "v" => "view", "m" => "materialized view", "f" => "foreign table", _ => "table" };
            drift.Add(new DriftResult("unmanaged", schema.TenantId, name,
                $"{kind} in schema {schema.Object}, which TenantModels manages, is not in the bundle: left alone (drop it, or declare it as a model)"));
        }
    }

    private static bool IsRelation(ArtefactKind? kind) =>
        kind is ArtefactKind.View or ArtefactKind.MaterializedView or ArtefactKind.Table or ArtefactKind.Partition;

    private static (string, string) Key(DeployedArtefact record) => (record.ArtefactId, record.TenantId ?? string.Empty);
}
