using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;

namespace TenantModels.Core.Binding;

/// <summary>How tenants are kept apart: the strict tiers are schema and database per tenant; shared tables rely on RLS.</summary>
public enum IsolationMode
{
    Schema,
    Shared,
    Database,
}

/// <summary>A per-tenant role kind (e.g. reader): its name pattern, expanded per tenant, and the NOLOGIN group every tenant's role of that kind joins.</summary>
public sealed record BoundTenantRole(string Kind, NamingPattern Pattern, string Group, SourceLocation Location);

/// <summary>The security section with defaults applied: every role name TenantModels creates or grants to.</summary>
/// <param name="Owner">NOLOGIN, NOBYPASSRLS: owns every object TenantModels creates.</param>
/// <param name="Admin">NOLOGIN, BYPASSRLS: global analytics; the only role that bypasses row-level security.</param>
/// <param name="App">NOLOGIN, NOINHERIT, NOBYPASSRLS: pooled applications, which set the tenant per transaction.</param>
/// <param name="Schema">The TenantModels-owned schema holding the role → tenant mapping and <c>tenant_of</c>.</param>
public sealed record BoundSecurity(
    IsolationMode Isolation,
    string Owner,
    string Admin,
    string App,
    string Schema,
    IReadOnlyList<BoundTenantRole> TenantRoles,
    SourceLocation Location)
{
    /// <summary>The setting the app role's policy reads; set per transaction with <c>set_config(..., true)</c>.</summary>
    public const string TenantSetting = "tenantmodels.tenant";

    public const string AdminKey = "admin";

    public const string AppKey = "app";

    public const string MappingTable = "tenant_role";

    public const string TenantOfFunction = "tenant_of";

    /// <summary>The tenant of CURRENT_USER, what the policies call (no argument, so the tenant index is usable).</summary>
    public const string CurrentTenantFunction = "current_tenant";
}

/// <summary>Privileges a model grants to one role key (admin, app or a tenant role kind), lower case, in declared order.</summary>
public sealed record BoundGrant(string Role, IReadOnlyList<string> Privileges);
