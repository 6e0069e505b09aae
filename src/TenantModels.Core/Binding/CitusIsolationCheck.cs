using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// TM1120: the isolation modes a Citus cluster cannot take. Citus distributes the schemas and tables of one database,
/// so a database per tenant would be one separate Citus cluster per tenant; shared tables would need row-based sharding
/// (tables distributed by tenant_id, the registry as a reference table, policies without subqueries, an app path that
/// works on the workers), which this version does not emit. Schema isolation maps onto schema-based sharding.
/// </summary>
internal static class CitusIsolationCheck
{
    public static void Check(Distribution distribution, ProjectSettingsSyntax settings, BoundSecurity? security, DiagnosticBag diagnostics)
    {
        if (distribution != Distribution.Citus)
        {
            return;
        }

        var at = settings.Distribution?.Location ?? SourceLocation.None;
        if (settings.DatabasePattern is { } database)
        {
            diagnostics.Report(DefinitionDiagnostics.IsolationNotOnCitus, database.Location, "naming.database", DatabaseReason);
        }
        else if (security?.Isolation == IsolationMode.Database)
        {
            diagnostics.Report(DefinitionDiagnostics.IsolationNotOnCitus, settings.Security?.Isolation?.Location ?? at, "isolation: database", DatabaseReason);
        }
        else if (security?.Isolation == IsolationMode.Shared)
        {
            diagnostics.Report(DefinitionDiagnostics.IsolationNotOnCitus, settings.Security?.Isolation?.Location ?? at, "isolation: shared",
                "shared tables on Citus need row-based sharding (tables distributed by tenant_id, the registry as a reference table, policies without subqueries), which this version does not emit yet");
        }
    }

    private const string DatabaseReason = "Citus distributes the schemas of one database over its nodes, so a database per tenant would be a separate Citus cluster per tenant";
}
