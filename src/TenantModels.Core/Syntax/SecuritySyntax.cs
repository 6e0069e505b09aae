using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>
/// The <c>security:</c> section of tenantmodels.yaml as written: isolation mode, global role names and the
/// per-tenant role kinds (name patterns with <c>&lt;tenant&gt;</c>). Absent values take defaults derived from the prefix.
/// </summary>
public sealed record SecuritySyntax(
    Located<string>? Isolation,
    Located<string>? Prefix,
    Located<string>? Owner,
    Located<string>? Admin,
    Located<string>? App,
    Located<string>? Schema,
    IReadOnlyList<KeyValuePair<Located<string>, Located<string>>>? TenantRoles,
    Diagnostics.SourceLocation Location);

/// <summary>One entry of a model's <c>grants:</c> mapping: a role (admin, app or a tenant role kind) and its privileges.</summary>
public sealed record GrantSyntax(Located<string> Role, IReadOnlyList<Located<string>> Privileges);
