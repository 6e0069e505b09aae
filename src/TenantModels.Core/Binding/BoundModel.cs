using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Binding;

public enum ModelScope
{
    Tenant,
}

public enum Materialization
{
    View,
}

/// <summary>A model whose every reference has been resolved and type-checked.</summary>
public sealed record BoundModel(
    string Name,
    ModelScope Scope,
    Materialization Materialized,
    IReadOnlyList<BoundColumn> Columns,
    IReadOnlyList<BoundSourceMapping> Mappings,
    bool Canonical,
    SourceLocation Location);

/// <summary>How one source fills the model: base table, joins, and for each model column (in model order) the source column.</summary>
public sealed record BoundSourceMapping(
    BoundSource Source,
    BoundTable Table,
    IReadOnlyList<BoundJoin> Joins,
    IReadOnlyList<BoundColumnMapping> Columns);

public sealed record BoundJoin(BoundTable Table, string Condition, string Kind);

/// <summary><paramref name="TableAlias"/> is the base or joined table the value comes from.</summary>
public sealed record BoundColumnMapping(BoundColumn Target, string TableAlias, BoundColumn SourceColumn);
