namespace TenantModels.Generator.Model;

/// <summary>What the model emitters and the support file need: everything but the tenants.</summary>
/// <remarks>Compared by value after every model-side edit, so each model's output re-runs only when its spec changed.</remarks>
internal sealed record ModelsSpec(SupportSpec Support, EquatableArray<ModelSpec> Models);

/// <summary>The tenant-id rules the generated code enforces at run time.</summary>
internal sealed record SupportSpec(string TenantPlaceholder, int MaxIdentifierBytes);

/// <summary>The registry: the declared tenant attributes and every tenant.</summary>
/// <param name="RegistryFile">The registry file the generated code reads its tenants from at run time (the SDK names it);
/// then <paramref name="Tenants"/> is empty, so no tenant edit changes the generated code. Null: the tenants are in the code.</param>
internal sealed record TenantsSpec(EquatableArray<AttributeSpec> Attributes, EquatableArray<TenantSpec> Tenants, string? RegistryFile = null);

/// <summary>The declared tenant attributes as the SDK's attributes file gives them (builds where the generator does not read <c>tenants.yaml</c>).</summary>
internal sealed record AttributesFileSpec(EquatableArray<AttributeSpec> Attributes);

/// <param name="Decoder">C# decoding the attribute's text, <c>{0}</c> standing for it (see <c>ClrLiterals.AttributeDecoder</c>).</param>
internal sealed record AttributeSpec(string Name, string MemberName, string SqlType, string PropertyType, bool Nullable, string Decoder);

/// <param name="AttributeTexts">The values as text, one per <see cref="TenantsSpec.Attributes"/> entry (null when unset).</param>
internal sealed record TenantSpec(
    string Id,
    string Name,
    bool Enabled,
    EquatableArray<string> Sources,
    int Priority,
    string? Tier,
    string? Database,
    EquatableArray<string?> AttributeTexts);

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
