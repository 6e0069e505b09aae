using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>One entry of tenants.yaml; a null setting takes the registry's default.</summary>
/// <param name="Overrides">Per source, where this tenant's raw layout and mappings differ (<c>overrides:</c>); empty when none.</param>
public sealed record TenantSyntax(Located<string> Id, string? Name, TenantSettingsSyntax Settings, IReadOnlyList<SourceOverrideSyntax>? Overrides = null)
{
    public IReadOnlyList<SourceOverrideSyntax> OverrideList => Overrides ?? System.Array.Empty<SourceOverrideSyntax>();
}

/// <summary>
/// Settings a tenant can override and the registry's <c>defaults:</c> can set (the global → tenant hierarchy).
/// Null means "not written here".
/// </summary>
/// <param name="TimeZone">IANA time zone the model schedules' <c>at</c> times are read in (<c>time_zone</c>).</param>
/// <param name="RefreshTimeout">How long a scheduled refresh of the tenant may run (<c>refresh_timeout</c>).</param>
public sealed record TenantSettingsSyntax(
    bool? Enabled,
    Located<string>? Priority,
    Located<string>? Tier,
    Located<string>? Database,
    IReadOnlyList<Located<string>>? Sources,
    IReadOnlyList<KeyValuePair<Located<string>, AttributeValueSyntax>> Attributes,
    Located<string>? TimeZone = null,
    Located<string>? RefreshTimeout = null)
{
    public static TenantSettingsSyntax Empty { get; } = new(null, null, null, null, null, new KeyValuePair<Located<string>, AttributeValueSyntax>[0]);
}

/// <summary>An attribute's value as written: one value, or a YAML list (<paramref name="Items"/>, null items for YAML nulls) for an array-typed attribute.</summary>
/// <param name="Text">The single value; for a list, where the list is and how it reads in messages.</param>
public sealed record AttributeValueSyntax(Located<string> Text, IReadOnlyList<Located<string>?>? Items = null);

/// <summary>tenants.yaml: declared attribute types, defaults, and the tenants.</summary>
public sealed record TenantRegistrySyntax(
    IReadOnlyList<ColumnSyntax> AttributeTypes,
    TenantSettingsSyntax Defaults,
    IReadOnlyList<TenantSyntax> Tenants)
{
    public static TenantRegistrySyntax Empty { get; } = new(new ColumnSyntax[0], TenantSettingsSyntax.Empty, new TenantSyntax[0]);
}
