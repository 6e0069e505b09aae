namespace TenantModels.Core.Bundling;

public enum ArtefactKind
{
    Schema,
    View,
    Table,
    MaterializedView,

    /// <summary>Seed rows for a table: applied again whenever they change.</summary>
    Seed,
}
