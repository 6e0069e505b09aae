using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>One artefact instance to run, and why.</summary>
public sealed record PlanStep(ArtefactInstance Instance, PlanStepReason Reason);
