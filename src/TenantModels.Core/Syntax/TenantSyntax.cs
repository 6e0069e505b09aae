using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>One entry of tenants.yaml; a null setting takes the registry's default.</summary>
public sealed record TenantSyntax(Located<string> Id, string? Name, TenantSettingsSyntax Settings);

/// <summary>
/// Settings a tenant can override and the registry's <c>defaults:</c> can set (the global → tenant hierarchy).
/// Null means "not written here".
/// </summary>
public sealed record TenantSettingsSyntax(
    bool? Enabled,
    Located<string>? Priority,
    Located<string>? Tier,
    Located<string>? Database,
    IReadOnlyList<Located<string>>? Sources,
    IReadOnlyList<KeyValuePair<Located<string>, Located<string>>> Attributes)
{
    public static TenantSettingsSyntax Empty { get; } = new(null, null, null, null, null, new KeyValuePair<Located<string>, Located<string>>[0]);
}

/// <summary>tenants.yaml: declared attribute types, defaults, and the tenants.</summary>
public sealed record TenantRegistrySyntax(
    IReadOnlyList<ColumnSyntax> AttributeTypes,
    TenantSettingsSyntax Defaults,
    IReadOnlyList<TenantSyntax> Tenants)
{
    public static TenantRegistrySyntax Empty { get; } = new(new ColumnSyntax[0], TenantSettingsSyntax.Empty, new TenantSyntax[0]);
}
