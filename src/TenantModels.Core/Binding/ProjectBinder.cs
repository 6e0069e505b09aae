using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Stage 3: resolves every reference (tenant → source, model → source/table/column) and every type.</summary>
public static class ProjectBinder
{
    /// <param name="tenantsApart">The tenants are bound on their own (the source generator binds the models without
    /// tenants.yaml, so that an edit to one side does not re-bind the other): attribute names in SQL cannot be checked
    /// here, and are checked by the full compile of the build.</param>
    /// <param name="modelsApart">The tenants are bound without the models (the source generator's tenants analysis): tenants'
    /// mapping overrides name models, so they cannot be checked here, and are checked by the full compile of the build.</param>
    public static BoundProject Bind(ProjectSyntax project, DiagnosticBag diagnostics, bool tenantsApart = false, bool modelsApart = false)
    {
        var settings = SettingsBinder.Bind(project.Settings, diagnostics);
        var sources = new SortedDictionary<string, BoundSource>(System.StringComparer.Ordinal);
        foreach (var source in project.Sources)
        {
            var tables = new SortedDictionary<string, BoundTable>(System.StringComparer.Ordinal);
            foreach (var table in source.Tables)
            {
                tables[table.Name.Value] = new BoundTable(table.Name.Value, TypeBinder.BindColumns(table.Columns, diagnostics));
            }

            var rawSchema = SettingsBinder.Pattern(source.SchemaPattern, settings.RawSchema, $"the raw schema of source '{source.Name.Value}'", diagnostics);
            sources[source.Name.Value] = new BoundSource(source.Name.Value, rawSchema, tables, source.Name.Location);
        }

        var tenantBinder = new TenantBinder(project.Tenants, sources, diagnostics);
        var tenants = tenantBinder.BindAll();
        var binder = new ModelBinder(sources, new ModelCatalog(project.Models), project.SeedFiles ?? new Pipeline.DefinitionFile[0],
            tenantsApart ? null : tenantBinder.AttributeTypes, diagnostics);
        var bound = project.Models
            .Select(binder.Bind)
            .Where(m => m is not null)
            .Select(m => m!)
            .ToList();
        var security = SecurityBinder.Bind(project.Settings.Security, diagnostics);
        var syntaxByName = project.Models.GroupBy(m => m.Name.Value).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
        var databaseReported = settings.Database is not null;
        var secured = new List<BoundModel>();
        foreach (var model in bound)
        {
            secured.Add(SecurityBinder.BindModel(model, syntaxByName.TryGetValue(model.Name, out var syntax) ? syntax : null, security, databaseReported, diagnostics));
            databaseReported = true;
        }

        CitusIsolationCheck.Check(settings.Distribution, project.Settings, security, diagnostics);
        var models = DependencyOrder.Sort(secured, diagnostics);

        // Waves select tenants: without the registry (tenantsApart) there is nothing to check them against.
        var waves = tenantsApart ? null : Waves.WaveBinder.Bind(project.Settings.Waves, tenants, tenantBinder.AttributeTypes, diagnostics);
        SeedKeyChecker.Check(models, diagnostics);
        var overrides = modelsApart ? new BoundMappingOverride[0] : MappingOverrideBinder.Bind(project.Tenants.Tenants, tenants, sources, syntaxByName, models, binder, diagnostics);
        return new BoundProject(settings.StagingSchema, settings.CanonicalSchema, tenants, sources, models, settings.TenantSchema, settings.SharedSchema, settings.Database, security, settings.CanonicalViewTenantLimit, tenantBinder.Defaults, waves, settings.Distribution,
            ProjectTestBinder.CanonicalTenants(project.Settings, diagnostics), overrides.Count == 0 ? null : overrides);
    }
}
