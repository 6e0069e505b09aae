using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Binding;

/// <summary>
/// Checks seeds against the keys of their tables, across models: no two rows of a seed share a primary or unique key,
/// and every foreign key value a seed row holds is a row of the referenced table's seed. Each seed is loaded into every
/// tenant, so a mismatch is certain to fail somewhere: a duplicated key makes the upsert touch one row twice, and a
/// dangling reference applies to a database whose tables already hold the row and then fails (23503) for the next new
/// tenant, whose referenced table starts with its seed alone.
/// </summary>
internal static class SeedKeyChecker
{
    public static void Check(IReadOnlyList<BoundModel> models, DiagnosticBag diagnostics)
    {
        var byName = models.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (model.Seed is not { } seed || model.Keys is not { } keys)
            {
                continue;
            }

            var shared = model.Scope == ModelScope.Shared;
            foreach (var key in new[] { keys.PrimaryKey }.Concat(keys.Unique).Where(k => k.Count > 0))
            {
                CheckUnique(model, seed, WithTenant(key, shared), diagnostics);
            }

            foreach (var foreignKey in keys.ForeignKeys)
            {
                if (byName.TryGetValue(foreignKey.References, out var referenced))
                {
                    CheckReferences(model, seed, foreignKey, referenced, diagnostics);
                }
            }
        }
    }

    private static IReadOnlyList<string> WithTenant(IReadOnlyList<string> columns, bool shared) =>
        shared ? new[] { BoundProject.TenantColumn }.Concat(columns).ToList() : columns;

    private static void CheckUnique(BoundModel model, BoundSeed seed, IReadOnlyList<string> key, DiagnosticBag diagnostics)
    {
        var positions = Positions(seed, key);
        if (positions is null)
        {
            return;
        }

        var first = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (var row = 0; row < seed.Rows.Count; row++)
        {
            if (Tuple(seed.Rows[row], positions) is not { } tuple)
            {
                continue;
            }

            if (first.TryGetValue(tuple, out var earlier))
            {
                diagnostics.Report(DefinitionDiagnostics.DuplicateSeedKey, LocationOf(seed, row), model.Name, Describe(key, seed.Rows[row], positions),
                    LineOf(seed, earlier));
                continue;
            }

            first[tuple] = row;
        }
    }

    private static void CheckReferences(BoundModel model, BoundSeed seed, BoundForeignKey foreignKey, BoundModel referenced, DiagnosticBag diagnostics)
    {
        var bothShared = model.Scope == ModelScope.Shared && referenced.Scope == ModelScope.Shared;
        var columns = WithTenant(foreignKey.Columns, bothShared);
        var to = WithTenant(foreignKey.To.Count > 0 ? foreignKey.To : referenced.Keys?.PrimaryKey ?? new string[0], bothShared);
        var positions = Positions(seed, columns);
        if (positions is null || to.Count != columns.Count)
        {
            // A key column the seed leaves out takes its default or NULL: nothing the build can compare.
            return;
        }

        HashSet<string>? present = null;
        if (referenced.Seed is { } target)
        {
            var targetPositions = Positions(target, to);
            if (targetPositions is null)
            {
                // The referenced key is generated (an identity the seed leaves out): its values are not known here.
                return;
            }

            present = new HashSet<string>(target.Rows.Select(r => Tuple(r, targetPositions)).Where(t => t is not null).Select(t => t!), System.StringComparer.Ordinal);
        }

        for (var row = 0; row < seed.Rows.Count; row++)
        {
            if (Tuple(seed.Rows[row], positions) is not { } tuple || (present is not null && present.Contains(tuple)))
            {
                continue;
            }

            var where = referenced.Seed is { } held
                ? $"which no row of its seed '{held.Path}' holds"
                : "which has no seed, so a new tenant's table is empty";
            diagnostics.Report(DefinitionDiagnostics.SeedForeignKeyNotFound, LocationOf(seed, row), model.Name, Describe(columns, seed.Rows[row], positions),
                referenced.Name, string.Join(", ", to), where);
        }
    }

    /// <returns>The index of each column in the seed's header, or null when the seed lacks one of them.</returns>
    private static int[]? Positions(BoundSeed seed, IReadOnlyList<string> columns)
    {
        var positions = columns.Select(c => IndexOf(seed.Columns, c)).ToArray();
        return positions.All(p => p >= 0) ? positions : null;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <returns>The values joined unambiguously, or null when one is NULL (a key with a NULL neither collides nor references).</returns>
    private static string? Tuple(IReadOnlyList<string?> row, int[] positions)
    {
        var values = positions.Select(p => row[p]).ToList();
        return values.Any(v => v is null) ? null : string.Join("\u0001", values.Select(v => v!.Length + ":" + v));
    }

    private static string Describe(IReadOnlyList<string> columns, IReadOnlyList<string?> row, int[] positions) =>
        $"({string.Join(", ", columns)}) = ({string.Join(", ", positions.Select(p => row[p]))})";

    private static SourceLocation LocationOf(BoundSeed seed, int row) =>
        seed.RowLocations is { } locations && row < locations.Count ? locations[row] : SourceLocation.StartOf(seed.Path);

    private static string LineOf(BoundSeed seed, int row) =>
        seed.RowLocations is { } locations && row < locations.Count ? locations[row].Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an earlier line";
}
