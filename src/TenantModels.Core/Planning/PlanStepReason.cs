namespace TenantModels.Core.Planning;

public enum PlanStepReason
{
    /// <summary>The database has no record of this artefact instance.</summary>
    New,

    /// <summary>The recorded checksum differs from the bundle's expanded SQL.</summary>
    Changed,
}
