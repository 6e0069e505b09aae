using System.Collections.Generic;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// The C# view of a bound project: every name, type and SQL text the source generator emits, computed here so
/// the generator neither names SQL objects nor writes SQL itself.
/// </summary>
/// <param name="TenantPlaceholder">What the templates below contain in place of the tenant id (<see cref="Bundling.ArtefactTemplate.TenantPlaceholder"/>).</param>
/// <param name="MaxIdentifierBytes">Longest name PostgreSQL keeps (<see cref="Naming.IdentifierRules.MaxBytes"/>); expanded names are checked against it, never truncated.</param>
public sealed record ProjectCodeModel(
    string TenantPlaceholder,
    int MaxIdentifierBytes,
    IReadOnlyList<TenantCode> Tenants,
    IReadOnlyList<ModelCode> Models);

/// <param name="MemberName">The tenant's property on the generated <c>Tenants</c> class.</param>
public sealed record TenantCode(string Id, string MemberName, string Name, bool Enabled, IReadOnlyList<string> Sources);

/// <param name="TypeName">The class nested in <c>Models</c> (<c>Models.Call</c>).</param>
/// <param name="RowTypeName">The row record (<c>CallRow</c>).</param>
/// <param name="Sources">One entry per source the model maps, ordered by source name.</param>
/// <param name="Canonical">The cross-tenant view, when the model is canonical.</param>
public sealed record ModelCode(
    string Name,
    string TypeName,
    string RowTypeName,
    string Materialized,
    string Scope,
    IReadOnlyList<ColumnCode> Columns,
    IReadOnlyList<ModelSourceCode> Sources,
    CanonicalCode? Canonical);

/// <param name="MemberName">The row record's property and the column-name constant.</param>
public sealed record ColumnCode(string Name, string MemberName, string SqlType, ClrType ClrType, bool Nullable)
{
    /// <summary>The property's C# type: <c>long?</c> or <c>string?</c> when nullable.</summary>
    public string PropertyType => ClrType.For(Nullable);
}

/// <summary>Where one source's per-tenant object lives, as templates holding <see cref="ProjectCodeModel.TenantPlaceholder"/>.</summary>
/// <param name="SchemaTemplate">Unquoted schema name, e.g. <c>{{tenant}}_stg_outreach</c>.</param>
/// <param name="QualifiedNameTemplate">Quoted <c>"schema"."object"</c>, ready to splice into SQL once the tenant is validated.</param>
/// <param name="SelectTemplate">Every model column, in model order, from that object.</param>
public sealed record ModelSourceCode(string Source, string SchemaTemplate, string ObjectName, string QualifiedNameTemplate, string SelectTemplate);

/// <param name="SelectSql">Every model column, in model order, then <see cref="TenantColumn"/>.</param>
public sealed record CanonicalCode(string Schema, string ObjectName, string QualifiedName, string SelectSql, string TenantColumn);
