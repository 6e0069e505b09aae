namespace TenantModels.Core.Planning;

public enum PlanStepReason
{
    /// <summary>The database has no record of this artefact instance.</summary>
    New,

    /// <summary>The recorded checksum differs and the change is compatible (same view signature): replaced in place.</summary>
    Changed,

    /// <summary>A view's output columns changed: <c>CREATE OR REPLACE</c> cannot do it, so it is dropped and created again.</summary>
    SignatureChanged,

    /// <summary>Dropped and created again because something it depends on is being dropped and created.</summary>
    DependencyRecreated,

    /// <summary>A union re-expanded because the set of tenants it covers changed.</summary>
    TenantsChanged,

    /// <summary>Recorded but no longer in the bundle.</summary>
    Removed,

    /// <summary>The tenant is no longer in the bundle (or was disabled), so all of its objects go.</summary>
    TenantRemoved,

    /// <summary>A table's columns, constraints or indexes changed: altered in place.</summary>
    TableChanged,

    /// <summary>A materialized view's definition changed: dropped and created again (with its data).</summary>
    DefinitionChanged,

    /// <summary>Recorded as applied, but the live database no longer has it: created again (with what depends on it).</summary>
    Missing,

    /// <summary>Recorded as applied, but changed in the live database outside TenantModels: put back as the bundle has it.</summary>
    Drifted,
}
