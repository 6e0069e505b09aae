using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Syntax;

/// <summary>One entry of <c>waves:</c> in tenantmodels.yaml as written; absent keys are null (or empty) and take their defaults in binding.</summary>
/// <param name="Tenants">Tenant ids (<c>tenants: [a, b]</c>).</param>
/// <param name="Where">Attribute values every selected tenant has (<c>where: { region: eu }</c>).</param>
/// <param name="Jobs">Tenant transactions at once per database while the wave runs (apply's <c>--jobs</c>).</param>
/// <param name="OnError"><c>halt</c> or <c>continue</c>.</param>
public sealed record WaveSyntax(
    Located<string>? Name,
    IReadOnlyList<Located<string>> Tenants,
    Located<string>? Tier,
    IReadOnlyList<KeyValuePair<Located<string>, Located<string>>> Where,
    Located<string>? Jobs,
    Located<string>? OnError,
    SourceLocation Location);
