using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantModels.Generator.Tests.Support;

/// <summary>The outputs of the generator's tracked steps (those named in <see cref="TrackingNames"/>) and why each was produced.</summary>
internal static class StepReasons
{
    public static readonly string[] OutputSteps = { TrackingNames.SupportOutput, TrackingNames.TenantsOutput, TrackingNames.ModelOutput };

    public static readonly string[] AllSteps =
    {
        TrackingNames.Settings, TrackingNames.CompilationFacts, TrackingNames.EmitOptions, TrackingNames.DefinitionFiles, TrackingNames.AttributesFile, TrackingNames.HasDefinitions,
        TrackingNames.ParsedFiles, TrackingNames.TenantsAnalysis, TrackingNames.ModelsAnalysis, TrackingNames.Support, TrackingNames.Tenants, TrackingNames.Models, TrackingNames.Diagnostics,
        TrackingNames.SupportOutput, TrackingNames.TenantsOutput, TrackingNames.ModelOutput,
    };

    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Of(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs).ToList()
            : new List<(object, IncrementalStepRunReason)>();

    public static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    public static string Describe(GeneratorRunResult result) => string.Join("\n", AllSteps.Select(step =>
        step + ": " + string.Join(", ", Of(result, step).Select(o => o.Reason))));
}
