using System;
using System.Text.RegularExpressions;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Planning;

/// <summary>
/// The DROP for a recorded object. Never CASCADE: the planner drops every dependent it knows about itself, so a
/// dependent it does not know (a user's own view) makes the step fail and the transaction roll back instead of
/// silently disappearing. IF EXISTS so an object someone already dropped by hand does not block the plan.
/// </summary>
public static class DropStatements
{
    // A quoted, optionally qualified name as the compiler writes it: the record is trusted no further than that.
    private static readonly Regex QuotedName = new("^\"[^\"]+\"(\\.\"[^\"]+\")?$", RegexOptions.CultureInvariant);

    public static bool IsQuotedName(string? name) => name is not null && QuotedName.IsMatch(name);

    /// <summary>Whether dropping an artefact of this kind drops a database object others may depend on (and must be recreated with).</summary>
    public static bool DropsObject(ArtefactKind kind) => kind is not (ArtefactKind.Seed or ArtefactKind.Grants or ArtefactKind.Roles);

    /// <param name="tenantId">The tenant of the instance being dropped (a removed tenant's roles are dropped); null for global ones.</param>
    public static string For(ArtefactKind kind, string quotedName, string? tenantId = null)
    {
        if (!IsQuotedName(quotedName))
        {
            throw new ArgumentException($"'{quotedName}' is not a quoted object name", nameof(quotedName));
        }

        return kind switch
        {
            ArtefactKind.Schema => $"DROP SCHEMA IF EXISTS {quotedName};\n",
            ArtefactKind.View => $"DROP VIEW IF EXISTS {quotedName};\n",
            ArtefactKind.MaterializedView => $"DROP MATERIALIZED VIEW IF EXISTS {quotedName};\n",
            ArtefactKind.Table => $"DROP TABLE IF EXISTS {quotedName};\n",
            ArtefactKind.Partition => CanonicalRows(quotedName, tenantId),
            // Seed rows are data in a table the bundle still manages: forgetting the seed must not delete them.
            ArtefactKind.Seed => $"-- seed for {quotedName} removed from the bundle: its rows are kept\n",
            ArtefactKind.Roles => RoleTeardown.For(quotedName, tenantId),
            // Privileges and policies go with the object when it is dropped; an object that stays keeps what it has.
            ArtefactKind.Grants => $"-- grants of {quotedName} removed from the bundle: nothing to drop\n",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>
    /// A tenant's rows of a canonical table go: the record names the table (or, written by the partition-per-tenant
    /// form, the tenant's partition <c>"schema"."model$tenant"</c>, which goes too, with the old table after its last).
    /// </summary>
    private static string CanonicalRows(string quotedName, string? tenantId)
    {
        if (tenantId is null)
        {
            throw new ArgumentException($"the rows of canonical table {quotedName} belong to a tenant, and none was given", nameof(tenantId));
        }

        return PartitionedCanonicalTable.OldPartition(quotedName) is { } old
            ? PartitionedFormMigration.DropOldPartition(old.Schema, old.Table, tenantId)
                + PartitionedFormMigration.DeleteTenantRows(SqlWriter.QualifiedName(old.Schema, old.Table), tenantId)
            : PartitionedFormMigration.DeleteTenantRows(quotedName, tenantId);
    }
}
