using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Binding;

public enum ModelScope
{
    /// <summary>One object per tenant, in the tenant's schema (or the staging schema for models from sources).</summary>
    Tenant,

    /// <summary>One object for all tenants with a tenant column, in the shared schema.</summary>
    Shared,
}

public enum Materialization
{
    View,
    Table,
    MaterializedView,
}

/// <summary>A model whose every reference has been resolved and type-checked.</summary>
/// <param name="Mappings">Per-source mappings of a model built from sources; empty otherwise.</param>
/// <param name="Sql">The SELECT of a model written in SQL; null otherwise.</param>
/// <param name="Keys">Keys and indexes (tables; indexes of materialized views); null when none.</param>
/// <param name="DependsOn">Models this one references (SQL refs, foreign keys), sorted.</param>
/// <param name="Schedule">When pg_cron refreshes it per tenant; null when only <c>tenantmodels refresh</c> does.</param>
/// <param name="CanonicalTable">For <c>canonical: table</c>: the table form; null for the view form or a model that is not canonical.</param>
public sealed record BoundModel(
    string Name,
    ModelScope Scope,
    Materialization Materialized,
    IReadOnlyList<BoundColumn> Columns,
    IReadOnlyList<BoundSourceMapping> Mappings,
    bool Canonical,
    SourceLocation Location,
    BoundSql? Sql = null,
    BoundTableKeys? Keys = null,
    IReadOnlyList<string>? DependsOn = null,
    BoundSeed? Seed = null,
    IReadOnlyList<BoundGrant>? Grants = null,
    string? Description = null,
    BoundCanonicalTable? CanonicalTable = null,
    IReadOnlyList<BoundDataTest>? Tests = null,
    BoundSchedule? Schedule = null)
{
    public bool IsFromSources => Mappings.Count > 0;

    public IReadOnlyList<string> References => DependsOn ?? new string[0];

    public IReadOnlyList<BoundGrant> GrantList => Grants ?? new BoundGrant[0];

    public IReadOnlyList<BoundDataTest> TestList => Tests ?? new BoundDataTest[0];
}

/// <summary>How one source fills the model: base table, joins, and for each model column (in model order) the source column.</summary>
public sealed record BoundSourceMapping(
    BoundSource Source,
    BoundTable Table,
    IReadOnlyList<BoundJoin> Joins,
    IReadOnlyList<BoundColumnMapping> Columns);

public sealed record BoundJoin(BoundTable Table, string Condition, string Kind);

/// <summary>
/// One model column's value: a source column (<paramref name="TableAlias"/> is the base or joined table it comes
/// from), an SQL <paramref name="Expression"/>, or — when both are null — NULL; optionally rounded to <paramref name="Round"/> places.
/// </summary>
public sealed record BoundColumnMapping(
    BoundColumn Target,
    string? TableAlias,
    BoundColumn? SourceColumn,
    string? Expression = null,
    int? Round = null);
