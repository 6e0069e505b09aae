using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Waves;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Selection;

namespace TenantModels.Runner.Waves;

/// <summary>A rollout wave as apply runs it: the manifest's wave (or the implicit last one) with its tenants as a selection.</summary>
/// <param name="Jobs">The wave's <c>jobs</c>; null: the command line's <c>--jobs</c>.</param>
/// <param name="Criteria">How it selects, for the header line: <c>tenants acme</c>, <c>tier premium, where region=eu</c>, <c>every other tenant</c>.</param>
internal sealed record RolloutWave(string Name, TenantSelection Selection, int? Jobs, string OnError, string Criteria)
{
    /// <summary>
    /// The wave that runs last when no declared wave takes the rest: tenants in no wave (provisioned at run time, or simply
    /// not listed) are still applied, after every declared wave. Parenthesized so that it can be no declared wave's name.
    /// </summary>
    public const string ImplicitRest = "(rest)";

    /// <summary>The manifest's waves in order, plus <see cref="ImplicitRest"/> when none takes the rest; empty without waves.</summary>
    /// <exception cref="InvalidDataException">A wave's criteria do not resolve against the registry (the compiler checks them: a hand-edited manifest).</exception>
    public static IReadOnlyList<RolloutWave> Of(BundleManifest manifest)
    {
        if (manifest.Waves is not { Count: > 0 } waves)
        {
            return Array.Empty<RolloutWave>();
        }

        var selective = new List<TenantSelection>();
        var bySelection = new Dictionary<string, TenantSelection>(StringComparer.Ordinal);
        foreach (var wave in waves.Where(w => !w.TakesTheRest))
        {
            var selection = TenantSelection.Resolve(new SelectionArguments(wave.Tenants, wave.Tier, wave.WhereArguments), manifest, out var error)
                ?? throw new InvalidDataException($"wave '{wave.Name}': {error!.Message}");
            selective.Add(selection);
            bySelection[wave.Name] = selection.Labelled("--wave " + wave.Name);
        }

        var rolled = waves.Select(w => w.TakesTheRest
            ? new RolloutWave(w.Name, TenantSelection.Rest(selective, "--wave " + w.Name), w.Jobs, w.OnError, "every tenant no other wave selects")
            : new RolloutWave(w.Name, bySelection[w.Name], w.Jobs, w.OnError, CriteriaOf(w))).ToList();
        if (!waves.Any(w => w.TakesTheRest))
        {
            rolled.Add(new RolloutWave(ImplicitRest, TenantSelection.Rest(selective, "--wave " + ImplicitRest), null, BundleWave.Halt, "every tenant no wave selects"));
        }

        return rolled;
    }

    /// <summary>The wave <paramref name="name"/> names; null with TM3063 in <paramref name="error"/> when the bundle has no such wave.</summary>
    public static RolloutWave? Find(BundleManifest manifest, string name, out Diagnostic? error)
    {
        var waves = Of(manifest);
        if (waves.FirstOrDefault(w => w.Name == name) is { } wave)
        {
            error = null;
            return wave;
        }

        var problem = waves.Count == 0
            ? "the bundle declares no rollout waves (tenantmodels.yaml waves:)"
            : $"the bundle has no such wave{NameSuggestions.DidYouMean(name, waves.Select(w => w.Name))}; its waves, in order: {string.Join(", ", waves.Select(w => w.Name))}";
        error = RunnerDiagnostics.UnknownWave.At(SourceLocation.None, name, problem);
        return null;
    }

    private static string CriteriaOf(BundleWave wave) => string.Join(", ",
        (wave.Tenants.Count == 0 ? Array.Empty<string>() : new[] { "tenants " + string.Join(" ", wave.Tenants) })
            .Concat(wave.Tier is null ? Array.Empty<string>() : new[] { "tier " + wave.Tier })
            .Concat(wave.WhereArguments.Select(w => "where " + w)));
}
