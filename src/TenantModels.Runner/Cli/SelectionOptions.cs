using System;
using System.Collections.Generic;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>
/// What the command line asked for: <c>--tenant</c> (repeatable), <c>--tier</c>, <c>--where</c> (repeatable), or a rollout
/// wave's tenants (<c>--wave</c>, on the commands that read or refresh: apply's <c>--wave</c> is a rollout of its own);
/// all empty selects every tenant.
/// </summary>
public sealed record SelectionArguments(IReadOnlyList<string> Tenants, string? Tier, IReadOnlyList<string> Where, string? Wave = null)
{
    public static SelectionArguments All { get; } = new(Array.Empty<string>(), null, Array.Empty<string>());

    public bool IsEmpty => Tenants.Count == 0 && Tier is null && Where.Count == 0 && Wave is null;
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

    private readonly Option<string?>? _wave;

    /// <param name="withWave">Offer <c>--wave NAME</c>: the tenants of one of the bundle's rollout waves.</param>
    public SelectionOptions(bool withWave = false)
    {
        if (withWave)
        {
            _wave = new Option<string?>("--wave") { Description = "Only the tenants of this rollout wave of the bundle (tenantmodels.yaml `waves:`), as apply --wave would roll it out." };
        }
    }

    public IEnumerable<Option> All => _wave is null ? new Option[] { _tenant, _tier, _where } : new Option[] { _tenant, _tier, _where, _wave };

    /// <summary>Whether any selection option was given, for a command's validators.</summary>
    public bool AnyGiven(System.CommandLine.Parsing.CommandResult result) =>
        (result.GetValue(_tenant) is { Length: > 0 }) || result.GetValue(_tier) is not null || (result.GetValue(_where) is { Length: > 0 });

    /// <summary>A command's validator: a wave selects its own tenants, so narrowing it again is refused.</summary>
    public void Validate(Command command)
    {
        if (_wave is { } wave)
        {
            command.Validators.Add(r =>
            {
                if (r.GetValue(wave) is not null && AnyGiven(r))
                {
                    r.AddError("--wave cannot be combined with --tenant, --tier or --where: a wave selects its own tenants");
                }
            });
        }
    }

    public SelectionArguments Read(ParseResult result) => new(
        result.GetValue(_tenant) ?? Array.Empty<string>(),
        result.GetValue(_tier),
        result.GetValue(_where) ?? Array.Empty<string>(),
        _wave is null ? null : result.GetValue(_wave));
}
