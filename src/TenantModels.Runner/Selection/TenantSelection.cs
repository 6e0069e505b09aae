using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Selection;

/// <summary>
/// Which tenants a command works on (<c>--tenant</c>, <c>--tier</c>, <c>--where</c>), checked against the bundle's
/// registry before any connection is made. Every criterion given must hold: an id among the <c>--tenant</c> ones, the
/// tier, each attribute value. <c>--where</c> values are compared as the attribute's type reads them (so
/// <c>threshold=10000.0</c> matches a numeric 10000), against each tenant's canonical value in the manifest.
/// </summary>
internal sealed class TenantSelection
{
    private readonly HashSet<string> _ids;
    private readonly IReadOnlyList<(string Name, PostgresType Type, string Value)> _where;
    private readonly Dictionary<string, IReadOnlyList<string>> _matched = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<TenantSelection> _except;
    private readonly string? _label;

    private TenantSelection(SelectionArguments arguments, IReadOnlyList<(string Name, PostgresType Type, string Value)> where, IReadOnlyList<TenantSelection>? except = null, string? label = null)
    {
        Arguments = arguments;
        _ids = new HashSet<string>(arguments.Tenants, StringComparer.Ordinal);
        _where = where;
        _except = except ?? Array.Empty<TenantSelection>();
        _label = label;
    }

    public SelectionArguments Arguments { get; }

    /// <summary>
    /// Every tenant none of <paramref name="others"/> selects, and the tenants recorded but gone from the registry (their
    /// removal): the rollout wave that takes the rest.
    /// </summary>
    public static TenantSelection Rest(IReadOnlyList<TenantSelection> others, string label) =>
        new(SelectionArguments.All, Array.Empty<(string, PostgresType, string)>(), others, label) { TakesRemovedTenants = true };

    /// <summary>The same selection, named in messages by <paramref name="label"/> (a rollout wave) instead of its options.</summary>
    public TenantSelection Labelled(string label) => new(Arguments, _where, _except, label) { TakesRemovedTenants = TakesRemovedTenants };

    /// <summary>Tenants recorded in a database but no longer in the registry are selected too (planned for removal).</summary>
    public bool TakesRemovedTenants { get; private init; }

    /// <summary>Only <c>--tenant</c> given: it may name a tenant gone from the registry (no tier or attributes left to compare).</summary>
    public bool ByIdOnly => Arguments.Tier is null && _where.Count == 0;

    /// <summary>The selection as it was written on the command line, for messages.</summary>
    public string Described => _label ?? string.Join(" ",
        Arguments.Tenants.Select(t => "--tenant " + t)
            .Concat(Arguments.Tier is null ? Array.Empty<string>() : new[] { "--tier " + Arguments.Tier })
            .Concat(Arguments.Where.Select(w => "--where " + w)));

    /// <summary>Null (with <paramref name="error"/> set, TM3060) when a <c>--where</c> is malformed, names an attribute the registry does not declare, or has a value its type does not read.</summary>
    public static TenantSelection? Resolve(SelectionArguments arguments, BundleManifest manifest, out Diagnostic? error)
    {
        error = null;
        var where = new List<(string Name, PostgresType Type, string Value)>();
        foreach (var condition in arguments.Where)
        {
            var equals = condition.IndexOf('=');
            if (equals <= 0)
            {
                error = Invalid(condition, "expected attribute=value");
                return null;
            }

            var name = condition.Substring(0, equals).Trim();
            if (!AttributeValue.TryRead(manifest, name, condition.Substring(equals + 1), out var type, out var value, out var why))
            {
                error = Invalid(condition, why!);
                return null;
            }

            where.Add((name, type, value));
        }

        return new TenantSelection(arguments, where);
    }

    /// <summary>Whether a tenant of the registry, or provisioned at run time (with the tier and attributes it was given, if any), is selected.</summary>
    public bool Matches(BundleTenant tenant) =>
        (_ids.Count == 0 || _ids.Contains(tenant.Id))
        && (Arguments.Tier is null || string.Equals(tenant.Tier, Arguments.Tier, StringComparison.Ordinal))
        && _where.All(w => tenant.Attributes is { } values && values.TryGetValue(w.Name, out var value) && SameValue(w.Type, value, w.Value))
        && !_except.Any(other => other.Matches(tenant));

    /// <summary>
    /// Canonical texts are equal for equal values except numbers, whose text keeps its scale (25000 and 25000.00) and
    /// timestamps, which may be written with or without a time zone: those are compared as values.
    /// </summary>
    private static bool SameValue(PostgresType type, string a, string b)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return type.Category switch
        {
            TypeCategory.Numeric or TypeCategory.Float =>
                decimal.TryParse(a, System.Globalization.NumberStyles.Float, invariant, out var x)
                && decimal.TryParse(b, System.Globalization.NumberStyles.Float, invariant, out var y) && x == y,
            TypeCategory.Timestamp =>
                DateTime.TryParse(a, invariant, System.Globalization.DateTimeStyles.RoundtripKind, out var p)
                && DateTime.TryParse(b, invariant, System.Globalization.DateTimeStyles.RoundtripKind, out var q) && p == q,
            _ => a == b,
        };
    }

    /// <summary>The selection for JSON output: the options and what they matched, database by database in name order.</summary>
    public SelectionResult ToResult()
    {
        lock (_matched)
        {
            return new SelectionResult(
                Arguments.Tenants.Count == 0 ? null : Arguments.Tenants,
                Arguments.Tier,
                Arguments.Where.Count == 0 ? null : Arguments.Where,
                _matched.OrderBy(m => m.Key, StringComparer.Ordinal).SelectMany(m => m.Value).ToList());
        }
    }

    /// <summary>Keeps what a database's selection matched, for <see cref="ToResult"/> (targets run in parallel).</summary>
    internal void Record(string database, IReadOnlyList<string> matched)
    {
        lock (_matched)
        {
            _matched[database] = matched;
        }
    }

    private static Diagnostic Invalid(string condition, string problem) =>
        RunnerDiagnostics.InvalidSelection.At(SourceLocation.None, "--where " + condition, problem);

}
