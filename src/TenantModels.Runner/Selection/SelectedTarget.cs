using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Selection;

/// <summary>
/// What a tenant selection leaves of one database's target, and what a command does when that is nothing: the one
/// place plan, apply, status, verify and refresh narrow their target, so they agree on what a selection means.
/// </summary>
internal static class SelectedTarget
{
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
        if (selection.ByIdOnly)
        {
            var recorded = new HashSet<string>(recordedTenants.OfType<string>(), StringComparer.Ordinal);
            matched.AddRange(selection.Arguments.Tenants.Where(id => recorded.Contains(id) && target.FindTenant(id) is null).Distinct().Where(id => !matched.Contains(id)).ToList());
        }

        if (selection.TakesRemovedTenants)
        {
            matched.AddRange(recordedTenants.OfType<string>().Distinct().Where(id => id.Length > 0 && target.FindTenant(id) is null && !matched.Contains(id)).ToList());
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

    /// <summary>TM3061: the selection (or one <c>--tenant</c> of it) matches no tenant of <paramref name="where"/>.</summary>
    public static Diagnostic NoMatch(string selection, string where, DeploymentTarget target)
    {
        var ids = target.Tenants.Select(t => t.Id).ToList();
        var tenants = ids.Count == 0 ? "it has none"
            : "its tenants: " + string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $" and {ids.Count - 10} more" : string.Empty);
        return RunnerDiagnostics.SelectionMatchesNothing.At(SourceLocation.None, selection, $"{where} ({tenants})");
    }
}

/// <summary>What a selection leaves of one database's target.</summary>
/// <param name="Target">Null when nothing is to be done there (see <see cref="SelectedTarget.Stop"/>).</param>
/// <param name="Matched">The selected tenants, in processing order; null without a selection.</param>
/// <param name="Error">TM3061 when one database is asked for tenants it does not hold.</param>
internal sealed record Narrowed(DeploymentTarget? Target, IReadOnlyList<string>? Matched, Diagnostic? Error = null);
