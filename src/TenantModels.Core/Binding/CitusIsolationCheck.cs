using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// TM1120: the isolation a Citus cluster cannot take. Citus distributes the schemas and tables of one database, so a
/// database per tenant would be one separate Citus cluster per tenant. Schema isolation maps onto schema-based sharding,
/// shared isolation onto row-based sharding (tables distributed by tenant_id, <see cref="Compilation.CitusSharedSql"/>).
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
    }

    private const string DatabaseReason = "Citus distributes the schemas of one database over its nodes, so a database per tenant would be a separate Citus cluster per tenant";
}
