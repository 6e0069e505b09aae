using System;
using System.Collections.Generic;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>What the command line asked for: <c>--tenant</c> (repeatable), <c>--tier</c>, <c>--where</c> (repeatable); all empty selects every tenant.</summary>
public sealed record SelectionArguments(IReadOnlyList<string> Tenants, string? Tier, IReadOnlyList<string> Where)
{
    public static SelectionArguments All { get; } = new(Array.Empty<string>(), null, Array.Empty<string>());

    public bool IsEmpty => Tenants.Count == 0 && Tier is null && Where.Count == 0;
}

/// <summary>The tenant selection options, the same on plan, apply, status, verify and refresh. New instances per command: a symbol belongs to one parent.</summary>
internal sealed class SelectionOptions
{
    private readonly Option<string[]> _tenant = new("--tenant")
    {
        Description = "Only this tenant (repeatable: any of them). The global and union transactions still run; other tenants are left as they are.",
    };

    private readonly Option<string?> _tier = new("--tier")
    {
        Description = "Only tenants of this tier (tenants.yaml `tier:`).",
    };

    private readonly Option<string[]> _where = new("--where")
    {
        Description = "Only tenants whose attribute has this value, written attribute=value and checked against the attribute's declared type (repeatable: all must hold).",
    };

    public IEnumerable<Option> All => new Option[] { _tenant, _tier, _where };

    /// <summary>Whether any selection option was given, for a command's validators.</summary>
    public bool AnyGiven(System.CommandLine.Parsing.CommandResult result) =>
        (result.GetValue(_tenant) is { Length: > 0 }) || result.GetValue(_tier) is not null || (result.GetValue(_where) is { Length: > 0 });

    public SelectionArguments Read(ParseResult result) => new(
        result.GetValue(_tenant) ?? Array.Empty<string>(),
        result.GetValue(_tier),
        result.GetValue(_where) ?? Array.Empty<string>());
}
