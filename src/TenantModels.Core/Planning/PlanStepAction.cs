namespace TenantModels.Core.Planning;

/// <summary>
/// What a step does to one object. Views and schemas are created (their SQL is idempotent: <c>CREATE OR REPLACE</c>,
/// <c>IF NOT EXISTS</c>) or dropped; tables will add an <c>Alter</c> action rather than ever being recreated.
/// </summary>
public enum PlanStepAction
{
    /// <summary>Runs the artefact's SQL expanded for its tenant (or its union of tenants).</summary>
    Create,

    /// <summary>Drops the object (never <c>CASCADE</c>: an unmanaged dependent makes the step fail instead of vanishing).</summary>
    Drop,

    /// <summary>Changes a table in place (<c>ALTER TABLE</c>): tables are never dropped and recreated.</summary>
    Alter,
}
