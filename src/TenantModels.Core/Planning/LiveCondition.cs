namespace TenantModels.Core.Planning;

/// <summary>What the live database says about a recorded object when it no longer is what the runner left behind.</summary>
public enum LiveCondition
{
    /// <summary>The object is gone (dropped by hand, or with a schema or table it lived in).</summary>
    Missing,

    /// <summary>The object is there but differs: another body, kind, columns or options, or privileges, policies, role attributes or memberships that the bundle does not declare.</summary>
    Changed,
}
