using System.Collections.Generic;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// The C# view of a bound project: every name, type and SQL text the source generator emits, computed here so
/// the generator neither names SQL objects nor writes SQL itself.
/// </summary>
/// <param name="TenantPlaceholder">What the templates below contain in place of the tenant id (<see cref="Bundling.ArtefactTemplate.TenantPlaceholder"/>).</param>
/// <param name="MaxIdentifierBytes">Longest name PostgreSQL keeps (<see cref="Naming.IdentifierRules.MaxBytes"/>); expanded names are checked against it, never truncated.</param>
/// <param name="Attributes">The typed tenant attributes the registry declares, in declaration order.</param>
public sealed record ProjectCodeModel(
    string TenantPlaceholder,
    int MaxIdentifierBytes,
    IReadOnlyList<AttributeCode> Attributes,
    IReadOnlyList<TenantCode> Tenants,
    IReadOnlyList<ModelCode> Models);

/// <param name="PropertyType">The C# type of the attribute's property (array attributes keep PostgreSQL's array literal text).</param>
/// <param name="Decoder">C# decoding a set value's <see cref="TenantCode.AttributeTexts"/> entry, <c>{0}</c> standing for it (<see cref="ClrLiterals.AttributeDecoder"/>).</param>
public sealed record AttributeCode(string Name, string MemberName, string SqlType, string PropertyType, bool Nullable, string Decoder);

/// <summary>A tenant as data: the generated code holds the registry as a table, not as code per tenant.</summary>
/// <param name="AttributeTexts">One entry per <see cref="ProjectCodeModel.Attributes"/> entry, in the same order: the value as text (<see cref="ClrLiterals.AttributeText"/>), null when unset.</param>
public sealed record TenantCode(
    string Id,
    string Name,
    bool Enabled,
    IReadOnlyList<string> Sources,
    int Priority,
    string? Tier,
    string? Database,
    IReadOnlyList<string?> AttributeTexts);

/// <param name="TypeName">The class nested in <c>Models</c> (<c>Models.Call</c>).</param>
/// <param name="RowTypeName">The row record (<c>CallRow</c>).</param>
/// <param name="Materialized">As written in definitions: <c>view</c>, <c>table</c>, <c>materialized_view</c>.</param>
/// <param name="Scope">As written in definitions: <c>tenant</c> or <c>shared</c>.</param>
/// <param name="PerTenant">
/// The per-tenant objects, as templates: one per source (ordered by source name) for a model built from sources,
/// one with a null source for another tenant-scoped model, none for a shared model.
/// </param>
/// <param name="Shared">The one object of a shared model (its rows carry <see cref="TenantColumn"/>; row-level security filters them).</param>
/// <param name="Canonical">The cross-tenant view, when the model is canonical; its SELECT ends with <see cref="TenantColumn"/>.</param>
public sealed record ModelCode(
    string Name,
    string TypeName,
    string RowTypeName,
    string Materialized,
    string Scope,
    IReadOnlyList<ColumnCode> Columns,
    IReadOnlyList<ModelObjectCode> PerTenant,
    ModelObjectCode? Shared,
    ModelObjectCode? Canonical,
    string TenantColumn,
    string? Description = null)
{
    public bool IsFromSources => PerTenant.Count > 0 && PerTenant[0].Source is not null;
}

/// <param name="MemberName">The row record's property and the column-name constant.</param>
public sealed record ColumnCode(string Name, string MemberName, string SqlType, ClrType ClrType, bool Nullable, string? Description = null)
{
    /// <summary>The property's C# type: <c>long?</c> or <c>string?</c> when nullable.</summary>
    public string PropertyType => ClrType.For(Nullable);
}

/// <summary>One database object of a model. Per-tenant objects hold <see cref="ProjectCodeModel.TenantPlaceholder"/> in their templates.</summary>
/// <param name="Source">The source whose staging object this is, for models built from sources; otherwise null.</param>
/// <param name="SchemaTemplate">Unquoted schema name, e.g. <c>{{tenant}}_stg_outreach</c> or <c>canonical</c>.</param>
/// <param name="QualifiedNameTemplate">Quoted <c>"schema"."object"</c>, ready to splice into SQL once the tenant is validated.</param>
/// <param name="SelectTemplate">Every model column, in model order, from that object (plus the tenant column for canonical views).</param>
public sealed record ModelObjectCode(string? Source, string SchemaTemplate, string ObjectName, string QualifiedNameTemplate, string SelectTemplate);
