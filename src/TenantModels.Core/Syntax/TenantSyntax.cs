using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>One entry of tenants.yaml.</summary>
public sealed record TenantSyntax(
    Located<string> Id,
    string Name,
    bool Enabled,
    IReadOnlyList<Located<string>> Sources);
