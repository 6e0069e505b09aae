using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>
/// Compares the desired state (bundle expanded for the target's tenants) with the recorded state and produces the
/// transactions to run: global artefacts, then each tenant, then unions. Pure, so <c>plan</c> and <c>apply</c>
/// compute the same steps and everything is unit-testable.
/// </summary>
public static class DeploymentPlanner
{
    /// <summary>The whole plan, each unit planned against the state the previous ones leave when they succeed.</summary>
    public static DeploymentPlan Plan(DeploymentTarget target, IEnumerable<DeployedArtefact> recorded)
    {
        var state = Prepare(target, recorded);
        var units = new List<PlanUnit>();
        var blockers = new List<string>();
        var rekeyed = new List<DeployedArtefact>();
        foreach (var key in UnitKeys(target, state))
        {
            var unit = PlanUnit(key, target, state, blockers);
            rekeyed.AddRange(unit.Rekeyed);
            if (!unit.IsEmpty)
            {
                units.Add(unit);
                state = state.After(unit.Steps);
            }
        }

        return new DeploymentPlan(units, blockers) { Rekeyed = rekeyed };
    }

    public static DeploymentPlan Plan(Bundle bundle, IEnumerable<DeployedArtefact> recorded) => Plan(DeploymentTarget.For(bundle), recorded);

    /// <summary>The record as the planner needs it (old records completed from the bundle).</summary>
    public static RecordedState Prepare(DeploymentTarget target, IEnumerable<DeployedArtefact> recorded) =>
        new RecordedState(recorded).Completed(target.Graph);

    /// <summary>Global first, then the target's (selected) tenants in order, then (selected) tenants to remove, then unions.</summary>
    public static IReadOnlyList<PlanUnitKey> UnitKeys(DeploymentTarget target, RecordedState state)
    {
        var keys = new List<PlanUnitKey> { PlanUnitKey.Global };
        keys.AddRange(target.Tenants.Where(t => target.IsSelected(t.Id)).Select(t => PlanUnitKey.Tenant(t.Id)));
        keys.AddRange(state.TenantIds.Where(t => target.FindTenant(t) is null && target.IsSelected(t)).Select(PlanUnitKey.Tenant));
        keys.Add(PlanUnitKey.Union);
        return keys;
    }

    /// <summary>One unit against the current record; the runner calls this unit by unit so a failed tenant is planned around.</summary>
    public static PlanUnit PlanUnit(PlanUnitKey key, DeploymentTarget target, RecordedState state, ICollection<string>? blockers = null)
    {
        blockers ??= new List<string>();
        var removal = key.Kind == PlanUnitKind.Tenant && target.FindTenant(key.TenantId!) is null;
        var drops = new Dictionary<(string, string), PlanStep>();
        var creates = new Dictionary<(string, string), PlanStep>();
        var desiredKeys = new HashSet<(string, string)>();
        var altered = new List<DeployedArtefact>();
        var vanished = new List<DeployedArtefact>();

        var rekeyed = new List<DeployedArtefact>();

        foreach (var (artefact, tenant) in DesiredInstances.Own(key, target))
        {
            var instanceKey = RecordedState.Key(artefact.Id, tenant?.Id);
            desiredKeys.Add(instanceKey);
            var record = state.Find(artefact.Id, tenant?.Id);
            if (record is { Live: null, ExpansionKey: { } recordedKey } && tenant is not null && recordedKey == target.ExpansionKeys.For(artefact, tenant))
            {
                // Made from the same template, tenant values and sources as what the record says ran: the same SQL, not expanded again.
                continue;
            }

            var desired = tenant is null ? DesiredInstances.Find(target, artefact.Id, null, state)! : DesiredInstances.ForTenant(target, artefact, tenant);
            if (record is null)
            {
                creates[instanceKey] = Create(PlanStepReason.New, desired);
            }
            else if (Repair(record, desired, drops, vanished, altered, blockers) is { } repair)
            {
                creates[instanceKey] = repair;
            }
            else if (record.Checksum == desired.Checksum)
            {
                if (desired.ExpansionKey is { } expansionKey && record.ExpansionKey != expansionKey)
                {
                    // An older record, or inputs that changed without changing this instance: its key is stored for the next plan.
                    rekeyed.Add(record with { ExpansionKey = expansionKey });
                }

                continue;
            }
            else if (PartitionedCanonicalTable.IsReplacedBy(record, desired))
            {
                creates[instanceKey] = Create(PlanStepReason.Changed, desired);
            }
            else if (desired.Artefact.Kind == ArtefactKind.Table && record.Kind is null or ArtefactKind.Table)
            {
                if (AlterTable(record, desired, blockers) is { } alter)
                {
                    creates[instanceKey] = alter.Step;
                    if (alter.RewritesColumns)
                    {
                        altered.Add(record);
                    }
                }
            }
            else if (desired.Artefact.Kind == ArtefactKind.MaterializedView && record.Kind is null or ArtefactKind.MaterializedView)
            {
                // CREATE MATERIALIZED VIEW IF NOT EXISTS would keep the old query: drop it (and its dependents) and create it WITH DATA.
                AddDrop(drops, record, PlanStepReason.DefinitionChanged, blockers);
                creates[instanceKey] = Create(PlanStepReason.DefinitionChanged, desired);
            }
            else if (desired.Artefact.Kind is ArtefactKind.Roles && record.Kind is ArtefactKind.Schema)
            {
                // Bundles before the roles kind recorded the security artefacts as the security schema: re-run, never drop it.
                creates[instanceKey] = Create(PlanStepReason.Changed, desired);
            }
            else if (NeedsRecreate(record, desired))
            {
                AddDrop(drops, record, PlanStepReason.SignatureChanged, blockers);
                creates[instanceKey] = Create(PlanStepReason.SignatureChanged, desired);
            }
            else
            {
                var reason = desired.IncludedTenants is not null && !DesiredInstances.SameTenants(record.IncludedTenants, desired.IncludedTenants)
                    ? PlanStepReason.TenantsChanged
                    : PlanStepReason.Changed;
                creates[instanceKey] = Create(reason, desired);
            }
        }

        var candidates = state.OfTenant(key.Kind == PlanUnitKind.Tenant ? key.TenantId : null);
        foreach (var record in candidates.Where(r => Owns(key, r, target) && !desiredKeys.Contains(RecordedState.Key(r.ArtefactId, r.TenantId))))
        {
            AddDrop(drops, record, removal ? PlanStepReason.TenantRemoved : PlanStepReason.Removed, blockers);
        }

        // An object name still held by a removed artefact (a canonical model switching from view to table keeps its name)
        // is freed first, in this unit, instead of in the unit that would otherwise drop it later.
        foreach (var create in creates.Values.ToList())
        {
            foreach (var clash in state.OfTenant(create.TenantId).Where(r => r.ArtefactId != create.ArtefactId
                && string.Equals(r.Object, create.Object, StringComparison.Ordinal) && target.Graph.Find(r.ArtefactId) is null).ToList())
            {
                AddDrop(drops, clash, PlanStepReason.Removed, blockers);
            }
        }

        // Whatever depends on a dropped object is dropped first and, when still wanted, created again afterwards,
        // all in this transaction: a failure rolls every one of them back to the old definitions.
        var recreate = new List<DeployedArtefact>();
        // Dropping grants, roles or a seed removes no object anything is built on: their dependents stay.
        var droppedObjects = drops.Values.Where(d => DropStatements.DropsObject(d.Kind)).Select(d => state.Find(d.ArtefactId, d.TenantId)!).ToList();
        foreach (var dependent in state.TransitiveDependents(droppedObjects))
        {
            var dependentKey = RecordedState.Key(dependent.ArtefactId, dependent.TenantId);
            if (drops.ContainsKey(dependentKey))
            {
                continue;
            }

            // A tenant's canonical table rows are data, not a query: they outlive the views they are filled from and are refilled after them.
            if (dependent.Kind != ArtefactKind.Partition)
            {
                AddDrop(drops, dependent, PlanStepReason.DependencyRecreated, blockers);
            }

            creates.Remove(dependentKey);
            recreate.Add(dependent);
        }

        // A column that is dropped or changes type cannot be while a view reads it: views (and materialized views) over
        // an altered table are dropped and recreated around the ALTER, their grants with them (a new view has no
        // privileges and belongs to whoever created it). Tables referencing it by foreign key and seeds stay.
        var aroundAlter = state.TransitiveDependents(altered).Where(d => d.Kind is ArtefactKind.View or ArtefactKind.MaterializedView).ToList();
        foreach (var dependent in aroundAlter.Concat(state.TransitiveDependents(aroundAlter).Where(d => d.Kind == ArtefactKind.Grants)))
        {
            var dependentKey = RecordedState.Key(dependent.ArtefactId, dependent.TenantId);
            if (drops.ContainsKey(dependentKey) || recreate.Contains(dependent))
            {
                continue;
            }

            if (DropStatements.DropsObject(dependent.Kind!.Value))
            {
                AddDrop(drops, dependent, PlanStepReason.DependencyRecreated, blockers);
            }

            creates.Remove(dependentKey);
            recreate.Add(dependent);
        }

        // What was built on an object that is gone from the live database went with it (or lost its privileges): it is
        // created again after it. Tables are not: one that referenced a vanished table keeps its rows.
        foreach (var dependent in state.TransitiveDependents(vanished).Where(d => d.Kind is not (ArtefactKind.Table or ArtefactKind.Partition or ArtefactKind.Schema or ArtefactKind.Roles)))
        {
            var dependentKey = RecordedState.Key(dependent.ArtefactId, dependent.TenantId);
            if (drops.ContainsKey(dependentKey) || recreate.Contains(dependent))
            {
                continue;
            }

            creates.Remove(dependentKey);
            recreate.Add(dependent);
        }

        // A union is built once, in the union unit, over every tenant ready by then: a tenant unit that must drop one (a
        // staging view it reads changes signature) leaves it dropped rather than rebuilding it over the tenants done so
        // far. Until the union unit commits the canonical view is missing, which status and verify report, never a
        // subset of the tenants that answers as if it were all of them.
        if (key.Kind != PlanUnitKind.Union)
        {
            recreate.RemoveAll(d => d.TenantId is null && Owns(PlanUnitKey.Union, d, target));
        }

        var dropSteps = StepOrder.Drops(drops.Values, state, target.Graph);
        // Built only when needed: it copies the whole record, and most tenant units neither recreate nor touch unions.
        var beforeUnions = recreate.Count == 0 && !creates.Values.Any(c => c.Scope == ArtefactScope.Union)
            ? state
            : state.After(dropSteps.Concat(creates.Values.Where(c => c.Scope != ArtefactScope.Union)).ToList());
        foreach (var dependent in recreate)
        {
            if (DesiredInstances.Find(target, dependent.ArtefactId, dependent.TenantId, beforeUnions) is { } desired)
            {
                var reason = dependent.Live is { } live ? ReasonFor(live) : PlanStepReason.DependencyRecreated;
                creates[RecordedState.Key(dependent.ArtefactId, dependent.TenantId)] = Create(reason, desired);
            }
        }

        // A union recreated here is expanded over the tenants as they stand once this unit's own changes are in.
        foreach (var entry in creates.Where(c => c.Value.Scope == ArtefactScope.Union).ToList())
        {
            var desired = DesiredInstances.ForUnion(target, target.Graph.Find(entry.Value.ArtefactId)!, beforeUnions);
            creates[entry.Key] = Create(entry.Value.Reason, desired);
        }

        // A database of the partition-per-tenant canonical table form is moved to one table by the steps that replace its records.
        foreach (var create in creates.ToList())
        {
            creates[create.Key] = PartitionedCanonicalTable.WithMigration(create.Value, state.Find(create.Value.ArtefactId, create.Value.TenantId));
        }

        var steps = dropSteps.Concat(StepOrder.Creates(creates.Values, target)).ToList();
        return new PlanUnit(key, steps, removal) { Rekeyed = rekeyed };
    }

    /// <summary>
    /// The step that puts back an object the live database lost or changed, or null when the record still matches it.
    /// A view or materialized view that changed (and that the bundle does not change) is dropped first (its body or columns may be anything now) and its
    /// dependents with it; one that is gone, like a table, partition or schema, is simply created again, and what
    /// depended on it follows (<paramref name="vanished"/>). Roles and grants run again: their SQL reconciles.
    /// </summary>
    private static PlanStep? Repair(DeployedArtefact record, DesiredInstance desired, Dictionary<(string, string), PlanStep> drops,
        List<DeployedArtefact> vanished, List<DeployedArtefact> altered, ICollection<string> blockers)
    {
        // A changed object the bundle also changes is planned as that change (which puts it back as the bundle has it).
        if (record.Live is not { } live || (live == LiveCondition.Changed && record.Checksum != desired.Checksum))
        {
            return null;
        }

        switch (desired.Artefact.Kind)
        {
            case ArtefactKind.View or ArtefactKind.MaterializedView when live == LiveCondition.Changed:
                AddDrop(drops, record, PlanStepReason.Drifted, blockers);
                return Create(PlanStepReason.Drifted, desired);
            case ArtefactKind.View or ArtefactKind.MaterializedView or ArtefactKind.Table or ArtefactKind.Partition or ArtefactKind.Schema when live == LiveCondition.Missing:
                vanished.Add(record);
                return Create(PlanStepReason.Missing, desired);
            case ArtefactKind.Roles or ArtefactKind.Grants:
                return Create(ReasonFor(live), desired);
            case ArtefactKind.Schema when live == LiveCondition.Changed:
                // Only its security drifts (owner, USAGE): its SQL creates it if missing and reconciles those.
                return Create(PlanStepReason.Drifted, desired);
            case ArtefactKind.Table when record.LiveTable is not null && record.Kind == ArtefactKind.Table:
                // What the live table lost or had changed is put back by the ALTER that diffs against the table as it is.
                if (AlterTable(record, desired, blockers) is not { } alter)
                {
                    return null;
                }

                if (alter.RewritesColumns)
                {
                    altered.Add(record);
                }

                return alter.Step with { Reason = PlanStepReason.Drifted };
            default:
                // A table whose columns were changed by hand is reported by verify; ALTER planning still diffs the record.
                return null;
        }
    }

    private static PlanStepReason ReasonFor(LiveCondition live) => live == LiveCondition.Missing ? PlanStepReason.Missing : PlanStepReason.Drifted;

    private static bool Owns(PlanUnitKey key, DeployedArtefact record, DeploymentTarget target)
    {
        if (key.Kind == PlanUnitKind.Tenant)
        {
            return record.TenantId == key.TenantId;
        }

        if (record.TenantId is not null)
        {
            return false;
        }

        var phase = target.Graph.Find(record.ArtefactId) is { } artefact
            ? target.Graph.Phase(artefact)
            : record.Scope == ArtefactScope.Union ? PlanUnitKind.Union : PlanUnitKind.Global;
        return phase == key.Kind;
    }

    /// <summary>A view whose output columns changed cannot be replaced in place; neither can an object that changed kind.</summary>
    private static bool NeedsRecreate(DeployedArtefact record, DesiredInstance desired) =>
        (record.Kind is not null && record.Kind != desired.Artefact.Kind)
        || (desired.Artefact.Kind == ArtefactKind.View && record.Signature is not null && desired.Artefact.Signature is not null
            && !string.Equals(record.Signature, desired.Artefact.Signature, StringComparison.Ordinal));

    private static void AddDrop(Dictionary<(string, string), PlanStep> drops, DeployedArtefact record, PlanStepReason reason, ICollection<string> blockers)
    {
        if (record.Kind is not { } kind || !DropStatements.IsQuotedName(record.Object))
        {
            blockers.Add($"{Describe(record.ArtefactId, record.TenantId)} must be dropped, but its record predates object names and the bundle no longer has it: drop it by hand and delete its row from tenantmodels.deployed_artefact");
            return;
        }

        var name = record.Object!;
        if (kind == ArtefactKind.Schema && record.ArtefactId is Compilation.ArtefactIds.SecurityRoles or Compilation.ArtefactIds.SecurityTenantRoles)
        {
            // Recorded by a bundle before the roles kind, as the security schema: its teardown finds the roles in the registry.
            kind = ArtefactKind.Roles;
            name = record.Object + "." + Sql.SqlWriter.QuoteIdentifier(Binding.BoundSecurity.MappingTable);
        }

        drops[RecordedState.Key(record.ArtefactId, record.TenantId)] = new PlanStep(
            PlanStepAction.Drop, reason, record.ArtefactId, record.TenantId, kind,
            record.Scope ?? (record.TenantId is null ? ArtefactScope.Global : ArtefactScope.Tenant),
            name, DropStatements.For(kind, name, record.TenantId), null, record.Signature,
            record.DependsOn ?? Array.Empty<string>(), record.IncludedTenants);
    }

    /// <summary>Tables change by ALTER, never drop and recreate; null (with a blocker) when the change cannot be expressed so.</summary>
    private static (PlanStep Step, bool RewritesColumns)? AlterTable(DeployedArtefact record, DesiredInstance desired, ICollection<string> blockers)
    {
        if (RecordedTable.Of(record) is not { } recorded || desired.Table is not { } wanted || !DropStatements.IsQuotedName(record.Object ?? desired.Object))
        {
            blockers.Add($"{Describe(desired.Artefact.Id, desired.TenantId)} changed, but its record has no table definition to plan ALTER TABLE from");
            return null;
        }

        var diff = TableDiff.Compute(desired.Object, recorded, wanted, desired.Artefact.RenamedColumns, record.LiveTable);
        if (diff.Blocker is not null)
        {
            blockers.Add($"{Describe(desired.Artefact.Id, desired.TenantId)} changed, but {diff.Blocker}");
            return null;
        }

        var sql = diff.Sql.Length == 0 ? $"-- {desired.Object}: only the text of its definition changed; nothing to alter\n" : diff.Sql;
        var step = new PlanStep(
            PlanStepAction.Alter, PlanStepReason.TableChanged, desired.Artefact.Id, desired.TenantId, desired.Artefact.Kind, desired.Artefact.Scope,
            desired.Object, sql, desired.Checksum, desired.Artefact.Signature, desired.Artefact.DependsOn, desired.IncludedTenants,
            TableDefinitionJson.Write(wanted), diff.DataLoss, diff.Warnings, ExpansionKey: desired.ExpansionKey);
        return (step, diff.RewritesColumns);
    }

    private static PlanStep Create(PlanStepReason reason, DesiredInstance desired) => new(
        PlanStepAction.Create, reason, desired.Artefact.Id, desired.TenantId, desired.Artefact.Kind, desired.Artefact.Scope,
        desired.Object, desired.Sql, desired.Checksum, desired.Artefact.Signature, desired.Artefact.DependsOn, desired.IncludedTenants,
        desired.RecordedDefinition, Seed: desired.Seed, ExpansionKey: desired.ExpansionKey);

    private static string Describe(string artefactId, string? tenantId) =>
        tenantId is null ? $"artefact '{artefactId}'" : $"artefact '{artefactId}' (tenant {tenantId})";
}
