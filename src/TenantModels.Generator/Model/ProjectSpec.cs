namespace TenantModels.Generator.Model;

/// <summary>Everything the emitters need from one analysis of the definition files.</summary>
/// <remarks>
/// Compared by value after every edit: the analysis re-runs whenever any file changes (it needs all of them),
/// but the parts below are split into their own pipeline steps so each output re-runs only when its part changed.
/// </remarks>
/// <param name="HasDefinitions">False when the project has no definition file: nothing is generated.</param>
internal sealed record ProjectSpec(
    bool HasDefinitions,
    SupportSpec Support,
    TenantsSpec Tenants,
    EquatableArray<ModelSpec> Models,
    EquatableArray<DiagnosticSpec> Diagnostics);

/// <summary>The tenant-id rules the generated code enforces at run time.</summary>
internal sealed record SupportSpec(string TenantPlaceholder, int MaxIdentifierBytes);

/// <summary>The registry: the declared tenant attributes and every tenant.</summary>
internal sealed record TenantsSpec(EquatableArray<AttributeSpec> Attributes, EquatableArray<TenantSpec> Tenants);

internal sealed record AttributeSpec(string Name, string MemberName, string SqlType, string PropertyType, bool Nullable);

/// <param name="AttributeValues">C# expressions, one per <see cref="TenantsSpec.Attributes"/> entry.</param>
internal sealed record TenantSpec(
    string Id,
    string MemberName,
    string Name,
    bool Enabled,
    EquatableArray<string> Sources,
    int Priority,
    string? Tier,
    string? Database,
    EquatableArray<string> AttributeValues);

/// <param name="PerTenant">Per-source objects (source set), one tenant object (source null), or none (shared model).</param>
internal sealed record ModelSpec(
    string Name,
    string TypeName,
    string RowTypeName,
    string Materialized,
    string Scope,
    EquatableArray<ColumnSpec> Columns,
    EquatableArray<ModelObjectSpec> PerTenant,
    ModelObjectSpec? Shared,
    ModelObjectSpec? Canonical,
    string TenantColumn,
    string? Description = null)
{
    public bool IsFromSources => PerTenant.Count > 0 && PerTenant[0].Source is not null;
}

/// <param name="ClrType">Without nullability (the reader's <c>GetFieldValue&lt;T&gt;</c> argument).</param>
/// <param name="PropertyType">With nullability (<c>long?</c>, <c>string?</c>).</param>
internal sealed record ColumnSpec(string Name, string MemberName, string SqlType, string ClrType, string PropertyType, bool Nullable, string? Description = null);

/// <summary>A database object; per-tenant ones hold the tenant placeholder in their templates.</summary>
internal sealed record ModelObjectSpec(string? Source, string SchemaTemplate, string ObjectName, string QualifiedNameTemplate, string SelectTemplate);
