using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>A table's shape as its record keeps it.</summary>
public static class RecordedTable
{
    /// <summary>
    /// The recorded shape; null when the record has none. Records written before shapes were data held the CREATE
    /// TABLE text: the runner converted those once when it upgraded its schema (4), and a text it could not read then is
    /// no shape now either — planning reports such a table (TM3010) rather than reading SQL text again.
    /// </summary>
    public static TableDefinition? Of(DeployedArtefact record)
    {
        if (record.Definition is not { Length: > 0 } definition || !TableDefinitionJson.IsJson(definition))
        {
            return null;
        }

        try
        {
            return TableDefinitionJson.Read(definition);
        }
        catch (System.Exception e) when (e is System.FormatException or System.Collections.Generic.KeyNotFoundException or System.InvalidOperationException)
        {
            return null;
        }
    }
}
