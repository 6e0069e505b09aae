namespace TenantModels.Core.Bundling;

public enum ArtefactKind
{
    Schema,
    View,
    Table,
    MaterializedView,
}
