using System;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;

namespace TenantModels.Core.Planning;

/// <summary>
/// Records of the partition-per-tenant form of <c>canonical: table</c>: a table recorded with <c>PARTITION BY LIST</c>,
/// and each tenant's fill recorded under its partition, <c>"schema"."model$tenant"</c>. Only a database deployed with
/// that form needs the statements that move it to one table (PartitionedFormMigration), so the planner adds them to
/// the steps of such records instead of every bundle carrying them.
/// </summary>
internal static class PartitionedCanonicalTable
{
    private const string ListPartitioned = "PARTITION BY LIST (";

    /// <summary>Whether the record's table shape is list-partitioned (the old form); read from the shape, never from SQL text.</summary>
    private static bool RecordedAsListPartitioned(DeployedArtefact record) =>
        RecordedTable.Of(record)?.Partitioning is { } partitioning && partitioning.StartsWith(ListPartitioned, StringComparison.Ordinal);

    /// <summary>The table is wanted unpartitioned: partitioning cannot change by ALTER, so its SQL runs, after the migration's.</summary>
    public static bool IsReplacedBy(DeployedArtefact record, DesiredInstance desired) =>
        desired.Artefact.Kind == ArtefactKind.Table
        && record.Kind is null or ArtefactKind.Table
        && record.ArtefactId.StartsWith(ArtefactIds.CanonicalTable(string.Empty), StringComparison.Ordinal)
        && RecordedAsListPartitioned(record)
        && desired.Table is { Partitioning: null };

    /// <summary>The step with the statements that migrate its record's object first, or the step as it is.</summary>
    public static PlanStep WithMigration(PlanStep step, DeployedArtefact? record)
    {
        if (step.Action != PlanStepAction.Create || record?.Object is not { } recorded || !DropStatements.IsQuotedName(recorded))
        {
            return step;
        }

        if (step.Kind == ArtefactKind.Table && RecordedAsListPartitioned(record)
            && step.Definition is { } wanted && TableDefinitionJson.Read(wanted).Partitioning is null && Unquote(step.Object) is ({ } schema, var table))
        {
            return step with { Sql = PartitionedFormMigration.RenameAside(schema, table) + step.Sql };
        }

        if (step.Kind == ArtefactKind.Partition && step.TenantId is { } tenant && OldPartition(recorded) is { } old)
        {
            return step with { Sql = PartitionedFormMigration.DropOldPartition(old.Schema, old.Table, tenant) + step.Sql };
        }

        return step;
    }

    /// <summary>The schema and model of a partition name of the old form (<c>$</c> is in no model name or tenant id); null for any other name.</summary>
    public static (string Schema, string Table)? OldPartition(string quotedName)
    {
        var (schema, name) = Unquote(quotedName);
        var dollar = name.IndexOf('$');
        return schema is null || dollar <= 0 ? null : (schema, name.Substring(0, dollar));
    }

    /// <summary>The parts of a name as the compiler quotes it (<see cref="DropStatements.IsQuotedName"/>: no quote inside).</summary>
    public static (string? Schema, string Name) Unquote(string quotedName)
    {
        var parts = quotedName.Split(new[] { "\".\"" }, StringSplitOptions.None).Select(p => p.Trim('"')).ToArray();
        return parts.Length == 2 ? (parts[0], parts[1]) : (null, parts[0]);
    }
}
