using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>tenantmodels.yaml <c>tests:</c>: the project-level checks, each a name.</summary>
internal static class ProjectTestBinder
{
    /// <summary>Every ready tenant is in each canonical view and table (dbt projects count tenants against views by hand).</summary>
    public const string CanonicalTenantsName = "canonical_tenants";

    private static readonly string[] Names = { CanonicalTenantsName };

    /// <returns>Whether the project asks for the canonical tenants check.</returns>
    public static bool CanonicalTenants(ProjectSettingsSyntax settings, DiagnosticBag diagnostics)
    {
        var tests = settings.Tests ?? new Located<string>[0];
        foreach (var unknown in tests.Where(t => !Names.Contains(t.Value)))
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownDataTest, unknown.Location, unknown.Value,
                NameSuggestions.DidYouMean(unknown.Value, Names), string.Join(", ", Names) + " (project tests of tenantmodels.yaml)");
        }

        return tests.Any(t => t.Value == CanonicalTenantsName);
    }
}
