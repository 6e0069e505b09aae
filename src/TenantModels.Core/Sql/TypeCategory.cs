namespace TenantModels.Core.Sql;

public enum TypeCategory
{
    Integer,
    Numeric,
    Float,
    Text,
    Boolean,
    Date,
    Timestamp,
    Uuid,
    Json,
    Array,

    /// <summary>A type that failed to bind; already reported, so every check involving it passes to avoid cascades.</summary>
    Unknown,
}
