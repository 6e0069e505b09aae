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
    EquatableArray<TenantSpec> Tenants,
    EquatableArray<ModelSpec> Models,
    EquatableArray<DiagnosticSpec> Diagnostics);

/// <summary>The tenant-id rules the generated code enforces at run time.</summary>
internal sealed record SupportSpec(string TenantPlaceholder, int MaxIdentifierBytes);

internal sealed record TenantSpec(string Id, string MemberName, string Name, bool Enabled, EquatableArray<string> Sources);

internal sealed record ModelSpec(
    string Name,
    string TypeName,
    string RowTypeName,
    string Materialized,
    string Scope,
    EquatableArray<ColumnSpec> Columns,
    EquatableArray<ModelSourceSpec> Sources,
    CanonicalSpec? Canonical);

/// <param name="ClrType">Without nullability (the reader's <c>GetFieldValue&lt;T&gt;</c> argument).</param>
/// <param name="PropertyType">With nullability (<c>long?</c>, <c>string?</c>).</param>
internal sealed record ColumnSpec(string Name, string MemberName, string SqlType, string ClrType, string PropertyType, bool Nullable);

internal sealed record ModelSourceSpec(string Source, string SchemaTemplate, string ObjectName, string QualifiedNameTemplate, string SelectTemplate);

internal sealed record CanonicalSpec(string Schema, string ObjectName, string QualifiedName, string SelectSql, string TenantColumn);
