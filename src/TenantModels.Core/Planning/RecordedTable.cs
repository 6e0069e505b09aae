using TenantModels.Core.Bundling;
using TenantModels.Core.Planning.Legacy;

namespace TenantModels.Core.Planning;

/// <summary>A table's shape as its record keeps it.</summary>
public static class RecordedTable
{
    /// <summary>
    /// The recorded shape; null when the record has none. A record written before shapes were data holds the CREATE
    /// TABLE text: the runner converts those once when it upgrades its schema, and this reads any left (one it could
    /// not convert then) the same way.
    /// </summary>
    public static TableDefinition? Of(DeployedArtefact record)
    {
        if (record.Definition is not { Length: > 0 } definition)
        {
            return null;
        }

        if (TableDefinitionJson.IsJson(definition))
        {
            try
            {
                return TableDefinitionJson.Read(definition);
            }
            catch (System.Exception e) when (e is System.FormatException or System.Collections.Generic.KeyNotFoundException or System.InvalidOperationException)
            {
                return null;
            }
        }

        return record.Signature is { } signature && LegacyTableSql.TryParse(signature, definition, out var table) ? table : null;
    }
}
