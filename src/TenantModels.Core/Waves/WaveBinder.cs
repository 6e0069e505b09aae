using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;
using TenantModels.Core.Validation;

namespace TenantModels.Core.Waves;

/// <summary>
/// Checks <c>waves:</c> against the registry: names unique and valid, tenants known, attributes declared and their
/// values of the attribute's type, every wave selecting at least one enabled tenant and no tenant selected by two waves.
/// </summary>
internal static class WaveBinder
{
    public static IReadOnlyList<BundleWave> Bind(IReadOnlyList<WaveSyntax>? waves, IReadOnlyList<BoundTenant> tenants, IReadOnlyList<BoundColumn> attributeTypes, DiagnosticBag diagnostics)
    {
        if (waves is null || waves.Count == 0)
        {
            return Array.Empty<BundleWave>();
        }

        var bound = new List<(BundleWave Wave, SourceLocation Location)>();
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var syntax in waves)
        {
            if (syntax.Name is not { } name || !DefinitionValidator.ValidName(name, "wave name", diagnostics))
            {
                continue;
            }

            if (names.TryGetValue(name.Value, out var first))
            {
                diagnostics.Report(DefinitionDiagnostics.DuplicateWave, name.Location, name.Value, first.ToString());
                continue;
            }

            names[name.Value] = name.Location;
            if (Bind(syntax, name.Value, tenants, attributeTypes, diagnostics) is { } wave)
            {
                bound.Add((wave, name.Location));
            }
        }

        CheckMembership(bound, tenants, attributeTypes, diagnostics);
        return bound.Select(b => b.Wave).ToList();
    }

    private static BundleWave? Bind(WaveSyntax syntax, string name, IReadOnlyList<BoundTenant> tenants, IReadOnlyList<BoundColumn> attributeTypes, DiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var id in syntax.Tenants.Where(id => tenants.All(t => t.Id != id.Value)))
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownWaveTenant, id.Location, name, id.Value, NameSuggestions.DidYouMean(id.Value, tenants.Select(t => t.Id)));
            ok = false;
        }

        var where = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var condition in syntax.Where)
        {
            var attribute = attributeTypes.FirstOrDefault(a => a.Name == condition.Key.Value);
            if (attribute is null)
            {
                diagnostics.Report(DefinitionDiagnostics.UndeclaredAttribute, condition.Key.Location, condition.Key.Value, NameSuggestions.DidYouMean(condition.Key.Value, attributeTypes.Select(a => a.Name)));
                ok = false;
            }
            else if (!LiteralValues.TryNormalize(attribute.Type, condition.Value.Value, out var value))
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidAttributeValue, condition.Value.Location, attribute.Name, attribute.Type.SqlName, condition.Value.Value);
                ok = false;
            }
            else
            {
                where[attribute.Name] = value;
            }
        }

        int? jobs = null;
        if (syntax.Jobs is { } writtenJobs)
        {
            if (int.TryParse(writtenJobs.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= MaxJobs)
            {
                jobs = parsed;
            }
            else
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidValue, writtenJobs.Location, writtenJobs.Value, "jobs", $"a whole number from 1 to {MaxJobs}");
                ok = false;
            }
        }

        var onError = BundleWave.Halt;
        if (syntax.OnError is { } writtenOnError)
        {
            if (writtenOnError.Value is BundleWave.Halt or BundleWave.Continue)
            {
                onError = writtenOnError.Value;
            }
            else
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidValue, writtenOnError.Location, writtenOnError.Value, "on_error", "halt or continue");
                ok = false;
            }
        }

        return ok ? new BundleWave(name, syntax.Tenants.Select(t => t.Value).Distinct().ToList(), syntax.Tier?.Value, where, jobs, onError) : null;
    }

    /// <summary>The runner's bound for apply <c>--jobs</c>: each job holds a connection.</summary>
    public const int MaxJobs = 64;

    private static void CheckMembership(IReadOnlyList<(BundleWave Wave, SourceLocation Location)> waves, IReadOnlyList<BoundTenant> tenants, IReadOnlyList<BoundColumn> attributeTypes, DiagnosticBag diagnostics)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (wave, location) in waves.Where(w => !w.Wave.TakesTheRest))
        {
            var members = tenants.Where(t => t.Enabled && Selects(wave, t, attributeTypes)).ToList();
            if (members.Count == 0)
            {
                diagnostics.Report(DefinitionDiagnostics.EmptyWave, location, wave.Name, "no enabled tenant of tenants.yaml matches its tenants, tier and where");
            }

            foreach (var tenant in members)
            {
                if (owner.TryGetValue(tenant.Id, out var other))
                {
                    diagnostics.Report(DefinitionDiagnostics.OverlappingWaves, location, tenant.Id, other, wave.Name);
                }
                else
                {
                    owner[tenant.Id] = wave.Name;
                }
            }
        }

        // A wave without criteria takes the rest: there can be one, and it must leave something to take.
        string? rest = null;
        foreach (var (wave, location) in waves.Where(w => w.Wave.TakesTheRest))
        {
            if (rest is not null)
            {
                diagnostics.Report(DefinitionDiagnostics.EmptyWave, location, wave.Name, $"it has no tenants, tier or where, and wave '{rest}' already takes every tenant no other wave selects");
            }

            rest ??= wave.Name;
        }
    }

    /// <summary>Whether a tenant of the registry matches a wave's criteria (the runner's selection, at build time).</summary>
    public static bool Selects(BundleWave wave, BoundTenant tenant, IReadOnlyList<BoundColumn> attributeTypes) =>
        (wave.Tenants.Count == 0 || wave.Tenants.Contains(tenant.Id))
        && (wave.Tier is null || wave.Tier == tenant.Tier)
        && wave.Where.All(w => tenant.Attributes.FirstOrDefault(a => a.Name == w.Key) is { Value: { } value } attribute && SameValue(attribute.Type, value, w.Value));

    /// <summary>Numbers keep their scale in canonical text (25000 and 25000.00): compared as values, like the runner's <c>--where</c>.</summary>
    private static bool SameValue(PostgresType type, string a, string b) =>
        type.Category is TypeCategory.Numeric or TypeCategory.Float
            ? decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y
            : a == b;
}
