using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Expands every schema name the bundle will create or read for every tenant and refuses names PostgreSQL would
/// truncate (over 63 bytes) or that two tenants/sources would share — a shared name is a cross-tenant leak.
/// </summary>
internal static class DerivedNameChecker
{
    /// <summary>What a name is for; described only when a diagnostic needs it (10,000 tenants register 30,000 names).</summary>
    private sealed record Origin(string What, bool Created, string? Tenant = null, string? Source = null)
    {
        public string Description => Tenant is null ? What
            : Source is null ? $"{What} of tenant '{Tenant}'"
            : $"{What} of tenant '{Tenant}' for source '{Source}'";
    }

    public static void Check(BoundProject project, DiagnosticBag diagnostics)
    {
        var stagedSources = new HashSet<string>(project.Models.SelectMany(m => m.Mappings).Select(m => m.Source.Name));
        // Sized once: 10,000 tenants register tens of thousands of names, and growing would copy them over and over.
        var owners = new Dictionary<string, Origin>(4 + project.Tenants.Sum(t => 1 + (2 * t.Sources.Count)), System.StringComparer.Ordinal);
        if (project.Models.Any(m => m.Canonical))
        {
            owners[project.CanonicalSchema] = new Origin("the canonical schema", Created: true);
        }

        if (project.Models.Any(m => m.Scope == ModelScope.Shared))
        {
            var shared = new Origin("the shared schema", Created: true);
            if (owners.TryGetValue(project.SharedSchema, out var other))
            {
                diagnostics.Report(CompileDiagnostics.IdentifierCollision, project.Models.First(m => m.Scope == ModelScope.Shared).Location,
                    "The shared schema", project.SharedSchema, other.Description);
            }

            owners[project.SharedSchema] = shared;
        }

        if (project.Security is { } security)
        {
            if (owners.TryGetValue(security.Schema, out var taken))
            {
                diagnostics.Report(CompileDiagnostics.IdentifierCollision, security.Location, "The security schema", security.Schema, taken.Description);
            }

            owners[security.Schema] = new Origin("the security schema", Created: true);
            CheckRoles(project, security, diagnostics);
        }

        // Databases are a namespace of their own (cluster-wide), separate from schema names.
        var databases = new Dictionary<string, Origin>(System.StringComparer.Ordinal);
        var tenantSchemas = project.Models.Any(m => m.Scope == ModelScope.Tenant && !m.IsFromSources);
        foreach (var model in project.Models)
        {
            CheckObjectNames(model, diagnostics);
        }

        foreach (var tenant in project.Tenants)
        {
            if (project.DatabasePattern is { } database)
            {
                Register(database.Expand(tenant.Id, string.Empty), new Origin("the database", Created: true, tenant.Id), tenant, databases, diagnostics);
            }

            if (tenantSchemas)
            {
                Register(project.TenantSchema.Expand(tenant.Id, string.Empty),
                    new Origin("the schema", Created: true, tenant.Id), tenant, owners, diagnostics);
            }

            foreach (var sourceName in tenant.Sources)
            {
                var source = project.Sources[sourceName];
                var raw = source.RawSchema.Expand(tenant.Id, sourceName);
                Register(raw, new Origin("the raw schema", Created: false, tenant.Id, sourceName), tenant, owners, diagnostics);
                if (stagedSources.Contains(sourceName))
                {
                    var staging = project.StagingSchema.Expand(tenant.Id, sourceName);
                    Register(staging, new Origin("the staging schema", Created: true, tenant.Id, sourceName), tenant, owners, diagnostics);
                }
            }
        }
    }

    /// <summary>Roles are cluster-wide: every derived role name must fit in 63 bytes and be unique across purposes and tenants.</summary>
    private static void CheckRoles(BoundProject project, BoundSecurity security, DiagnosticBag diagnostics)
    {
        var roles = new Dictionary<string, string>(System.StringComparer.Ordinal);
        void Role(string name, string description, SourceLocation location)
        {
            var bytes = IdentifierRules.ByteLength(name);
            if (bytes > IdentifierRules.MaxBytes)
            {
                diagnostics.Report(CompileDiagnostics.RoleNameTooLong, location, Capitalized(description), name, bytes);
                return;
            }

            if (roles.TryGetValue(name, out var existing))
            {
                diagnostics.Report(CompileDiagnostics.RoleNameCollision, location, Capitalized(description), name, existing);
                return;
            }

            roles[name] = description;
        }

        Role(security.Owner, "the owner role", security.Location);
        Role(security.Admin, "the admin role", security.Location);
        Role(security.App, "the app role", security.Location);
        foreach (var role in security.TenantRoles)
        {
            Role(role.Group, $"the group of tenant role '{role.Kind}'", role.Location);
        }

        foreach (var tenant in project.Tenants)
        {
            foreach (var role in security.TenantRoles)
            {
                Role(role.Pattern.Expand(tenant.Id, string.Empty), $"the '{role.Kind}' role of tenant '{tenant.Id}'", tenant.Location);
            }
        }
    }

    private static void Register(string name, Origin origin, BoundTenant tenant, Dictionary<string, Origin> owners, DiagnosticBag diagnostics)
    {
        var bytes = IdentifierRules.ByteLength(name);
        if (bytes > IdentifierRules.MaxBytes)
        {
            diagnostics.Report(CompileDiagnostics.IdentifierTooLong, tenant.Location, Capitalized(origin.Description), name, bytes,
                "shorten the tenant id or the naming pattern");
            return;
        }

        if (owners.TryGetValue(name, out var existing))
        {
            // Several sources may land in one raw schema; only a schema TenantModels creates must be unique.
            if (existing.Created || origin.Created)
            {
                diagnostics.Report(CompileDiagnostics.IdentifierCollision, tenant.Location, Capitalized(origin.Description), name, existing.Description);
            }

            return;
        }

        owners[name] = origin;
    }

    /// <summary>Names PostgreSQL would otherwise derive (and truncate) itself: constraints, indexes, identity sequences.</summary>
    private static void CheckObjectNames(BoundModel model, DiagnosticBag diagnostics)
    {
        var names = new List<(string Kind, string Name)>();
        if (model.Keys is { } keys)
        {
            if (keys.PrimaryKey.Count > 0)
            {
                names.Add(("Primary key", ConstraintNames.PrimaryKey(model.Name)));
            }

            names.AddRange(keys.Unique.Select(u => ("Unique constraint", ConstraintNames.Unique(model.Name, u))));
            names.AddRange(keys.ForeignKeys.Select(f => ("Foreign key", ConstraintNames.ForeignKey(model.Name, f.Columns))));
            names.AddRange(keys.Indexes.Select(i => ("Index", ConstraintNames.Index(model.Name, i.Columns))));
        }

        names.AddRange(model.Columns.Where(c => c.Identity).Select(c => ("Identity sequence", ConstraintNames.IdentitySequence(model.Name, c.Name))));
        if (model.Canonical && model.CanonicalTable is not null)
        {
            // The declared ones and the one on tenant_id the table always has.
            names.AddRange(CanonicalTableCompiler.Indexes(model).Select(i => ("Canonical table index", ConstraintNames.Index(model.Name, i.Columns))));
        }

        foreach (var (kind, name) in names)
        {
            var bytes = IdentifierRules.ByteLength(name);
            if (bytes > IdentifierRules.MaxBytes)
            {
                diagnostics.Report(CompileDiagnostics.IdentifierTooLong, model.Location, $"{kind} of model '{model.Name}'", name, bytes,
                    "shorten the model or column names");
            }
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
