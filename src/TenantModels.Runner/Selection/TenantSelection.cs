using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Planning;
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

    private TenantSelection(SelectionArguments arguments, IReadOnlyList<(string Name, PostgresType Type, string Value)> where)
    {
        Arguments = arguments;
        _ids = new HashSet<string>(arguments.Tenants, StringComparer.Ordinal);
        _where = where;
    }

    public SelectionArguments Arguments { get; }

    /// <summary>The selection as it was written on the command line, for messages.</summary>
    public string Described => string.Join(" ",
        Arguments.Tenants.Select(t => "--tenant " + t)
            .Concat(Arguments.Tier is null ? Array.Empty<string>() : new[] { "--tier " + Arguments.Tier })
            .Concat(Arguments.Where.Select(w => "--where " + w)));

    /// <summary>Null (with <paramref name="error"/> set, TM3060) when a <c>--where</c> is malformed, names an attribute the registry does not declare, or has a value its type does not read.</summary>
    public static TenantSelection? Resolve(SelectionArguments arguments, BundleManifest manifest, out Diagnostic? error)
    {
        error = null;
        var declared = manifest.Attributes ?? Array.Empty<BundleAttribute>();
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
            var text = condition.Substring(equals + 1);
            var attribute = declared.FirstOrDefault(a => a.Name == name);
            if (attribute is null)
            {
                error = Invalid(condition, $"the registry declares no attribute '{name}'{NameSuggestions.DidYouMean(name, declared.Select(a => a.Name))}; {Known(declared)}");
                return null;
            }

            if (!PostgresTypes.TryParse(attribute.Type, out var type) || !LiteralValues.TryNormalize(type, text, out var value))
            {
                error = Invalid(condition, $"'{text}' is not a value of attribute '{name}', which is {attribute.Type}; {Known(declared)}");
                return null;
            }

            where.Add((name, type, value));
        }

        return new TenantSelection(arguments, where);
    }

    /// <summary>Whether a tenant of the registry (or provisioned at run time: no tier, no attributes) is selected.</summary>
    public bool Matches(BundleTenant tenant) =>
        (_ids.Count == 0 || _ids.Contains(tenant.Id))
        && (Arguments.Tier is null || string.Equals(tenant.Tier, Arguments.Tier, StringComparison.Ordinal))
        && _where.All(w => tenant.Attributes is { } values && values.TryGetValue(w.Name, out var value) && SameValue(w.Type, value, w.Value));

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

    /// <summary>
    /// The target with only the selected tenants' units planned: tenants of the target that match, and tenants recorded
    /// but gone from the registry when named by <c>--tenant</c> (alone: they have no tier or attributes left), so their
    /// removal can be selected too.
    /// </summary>
    /// <param name="selection">Null: no selection, the target as it is.</param>
    /// <param name="database">Names the database in messages.</param>
    /// <param name="strict">One database (no target map): every <c>--tenant</c> must be one of its tenants, and something
    /// must match. With a target map a database may hold none of the selected tenants; the map as a whole must.</param>
    public static Narrowed Narrow(TenantSelection? selection, DeploymentTarget target, IEnumerable<string?> recordedTenants, string database, bool strict)
    {
        if (selection is null)
        {
            return new Narrowed(target, null);
        }

        var matched = target.Tenants.Where(selection.Matches).Select(t => t.Id).ToList();
        if (selection.Arguments.Tier is null && selection._where.Count == 0)
        {
            var recorded = new HashSet<string>(recordedTenants.OfType<string>(), StringComparer.Ordinal);
            matched.AddRange(selection.Arguments.Tenants.Where(id => recorded.Contains(id) && target.FindTenant(id) is null).Distinct().Where(id => !matched.Contains(id)).ToList());
        }

        if (strict)
        {
            // A --tenant that is no tenant of the database at all is a typo (or the wrong database), not a filter that excluded it.
            var unknown = selection.Arguments.Tenants.FirstOrDefault(id => !matched.Contains(id) && target.FindTenant(id) is null);
            if (matched.Count == 0 || unknown is not null)
            {
                return new Narrowed(null, matched, NoMatch(unknown is null ? selection.Described : "--tenant " + unknown, $"database '{database}'", target));
            }
        }

        selection.Record(database, matched);
        return new Narrowed(matched.Count == 0 ? null : target.Selecting(matched), matched);
    }

    /// <summary>
    /// The result of a target the selection stops: TM3061 (exit 2) for one database; with a target map, a database
    /// holding none of the selected tenants, which is left alone (status <see cref="NotSelected"/>). Null: go on with
    /// <see cref="Narrowed.Target"/>.
    /// </summary>
    public static TargetResult? Stop(Narrowed narrowed, string name, TargetOutput output)
    {
        if (narrowed.Error is { } error)
        {
            output.Error(Reporter.Format(error));
            return new TargetResult(name, "error", ExitCodes.UsageError, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(error.Code, error.Message) });
        }

        if (narrowed.Target is null)
        {
            output.Line("No selected tenant in this database: left alone.");
            return new TargetResult(name, NotSelected, ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>());
        }

        return null;
    }

    /// <summary>What "the database matches the bundle" covers: with a selection, the selected tenants and the shared objects only.</summary>
    public static string Scope(DeploymentTarget target) =>
        target.Selected is null ? string.Empty : $" for the {target.Selected.Count} selected tenant(s)";

    /// <summary>The status of a target map's database that holds none of the selected tenants.</summary>
    public const string NotSelected = "not-selected";

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

    private void Record(string database, IReadOnlyList<string> matched)
    {
        lock (_matched)
        {
            _matched[database] = matched;
        }
    }

    /// <summary>TM3061: the selection (or one <c>--tenant</c> of it) matches no tenant of <paramref name="where"/>.</summary>
    public static Diagnostic NoMatch(string selection, string where, DeploymentTarget target)
    {
        var ids = target.Tenants.Select(t => t.Id).ToList();
        var tenants = ids.Count == 0 ? "it has none"
            : "its tenants: " + string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $" and {ids.Count - 10} more" : string.Empty);
        return RunnerDiagnostics.SelectionMatchesNothing.At(SourceLocation.None, selection, $"{where} ({tenants})");
    }

    private static Diagnostic Invalid(string condition, string problem) =>
        RunnerDiagnostics.InvalidSelection.At(SourceLocation.None, "--where " + condition, problem);

    private static string Known(IReadOnlyList<BundleAttribute> declared) =>
        declared.Count == 0
            ? "the registry declares no attributes"
            : "the registry's attributes: " + string.Join(", ", declared.Select(a => $"{a.Name} ({a.Type})"));
}

/// <summary>What a selection leaves of one database's target.</summary>
/// <param name="Target">Null when nothing is to be done there (see <see cref="TenantSelection.Stop"/>).</param>
/// <param name="Matched">The selected tenants, in processing order; null without a selection.</param>
/// <param name="Error">TM3061 when one database is asked for tenants it does not hold.</param>
internal sealed record Narrowed(DeploymentTarget? Target, IReadOnlyList<string>? Matched, Diagnostic? Error = null);
