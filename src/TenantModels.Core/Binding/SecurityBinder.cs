using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Binds <c>security:</c> (roles, isolation) and every model's <c>grants:</c> against it.</summary>
internal static class SecurityBinder
{
    public const string DefaultPrefix = "tm";

    private static readonly string[] TablePrivileges = { "select", "insert", "update", "delete" };
    private static readonly string[] ViewPrivileges = { "select" };

    public static BoundSecurity? Bind(SecuritySyntax? syntax, DiagnosticBag diagnostics)
    {
        if (syntax is null)
        {
            return null;
        }

        var isolation = IsolationMode.Schema;
        if (syntax.Isolation is { } written)
        {
            switch (written.Value)
            {
                case "schema": isolation = IsolationMode.Schema; break;
                case "shared": isolation = IsolationMode.Shared; break;
                case "database": isolation = IsolationMode.Database; break;
                default:
                    diagnostics.Report(DefinitionDiagnostics.InvalidSecuritySetting, written.Location, written.Value, "isolation", "schema, shared or database");
                    break;
            }
        }

        var prefix = Name(syntax.Prefix, DefaultPrefix, "prefix", diagnostics);
        var roles = new List<BoundTenantRole>();
        var written_roles = syntax.TenantRoles
            ?? new List<KeyValuePair<Located<string>, Located<string>>>
            {
                new(new Located<string>("reader", syntax.Location), new Located<string>("<tenant>_reader", syntax.Location)),
                new(new Located<string>("writer", syntax.Location), new Located<string>("<tenant>_writer", syntax.Location)),
            };
        foreach (var entry in written_roles)
        {
            var kind = entry.Key.Value;
            if (!IdentifierRules.IsValidName(kind) || kind is BoundSecurity.AdminKey or BoundSecurity.AppKey)
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidSecuritySetting, entry.Key.Location, kind, "tenant_roles",
                    "a role kind name like reader ([a-z][a-z0-9_]*, not admin or app)");
                continue;
            }

            var pattern = new NamingPattern(entry.Value.Value);
            if (!pattern.IsValid || pattern.Pattern.Contains(NamingPattern.SourceToken))
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidSecuritySetting, entry.Value.Location, entry.Value.Value, "tenant_roles." + kind,
                    "a role name pattern containing <tenant>, e.g. <tenant>_" + kind);
                continue;
            }

            roles.Add(new BoundTenantRole(kind, pattern, prefix + "_" + kind, entry.Key.Location));
        }

        return new BoundSecurity(
            isolation,
            Name(syntax.Owner, prefix + "_owner", "owner", diagnostics),
            Name(syntax.Admin, prefix + "_admin", "admin", diagnostics),
            Name(syntax.App, prefix + "_app", "app", diagnostics),
            Name(syntax.Schema, prefix + "_security", "schema", diagnostics),
            roles,
            syntax.Location);
    }

    private static string Name(Located<string>? written, string fallback, string setting, DiagnosticBag diagnostics)
    {
        if (written is not { } name)
        {
            return fallback;
        }

        if (IdentifierRules.HasNameShape(name.Value))
        {
            return name.Value;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidSecuritySetting, name.Location, name.Value, setting, "a name matching [a-z][a-z0-9_]*");
        return fallback;
    }

    /// <summary>The model with its grants bound; reports unknown roles, privileges the object cannot take, and isolation conflicts.</summary>
    public static BoundModel BindModel(BoundModel model, ModelSyntax? syntax, BoundSecurity? security, bool hasDatabasePattern, DiagnosticBag diagnostics)
    {
        if (security is not null && security.Isolation == IsolationMode.Schema && model.Scope == ModelScope.Shared)
        {
            diagnostics.Report(DefinitionDiagnostics.IsolationConflict, model.Location,
                $"model '{model.Name}' is 'scope: shared', but the project's isolation is 'schema' (one schema per tenant); set 'security: {{ isolation: shared }}' to keep tenants in shared tables with row-level security, or make the model 'scope: tenant'");
        }

        if (security is not null && security.Isolation == IsolationMode.Database && !hasDatabasePattern)
        {
            // Reported once per project by the caller's first model only would be nicer; once per model keeps it located.
            diagnostics.Report(DefinitionDiagnostics.IsolationConflict, security.Location,
                "the project's isolation is 'database', but tenantmodels.yaml has no 'naming: { database: ... }' pattern naming each tenant's database");
            hasDatabasePattern = true;
        }

        if (syntax?.Grants is not { } grants)
        {
            return model;
        }

        var keys = security is null
            ? new List<string>()
            : new List<string> { BoundSecurity.AdminKey, BoundSecurity.AppKey }.Concat(security.TenantRoles.Select(r => r.Kind)).ToList();
        var allowed = model.Materialized == Materialization.Table ? TablePrivileges : ViewPrivileges;
        var what = model.Materialized switch
        {
            Materialization.Table => "a table",
            Materialization.MaterializedView => "a materialized view",
            _ => "a view",
        };
        var bound = new List<BoundGrant>();
        foreach (var grant in grants)
        {
            if (!keys.Contains(grant.Role.Value))
            {
                diagnostics.Report(DefinitionDiagnostics.UnknownGrantRole, grant.Role.Location, model.Name, grant.Role.Value,
                    keys.Count == 0 ? "none — add a 'security:' section to tenantmodels.yaml to declare roles" : string.Join(", ", keys));
                continue;
            }

            var privileges = new List<string>();
            foreach (var privilege in grant.Privileges)
            {
                var name = privilege.Value.ToLowerInvariant();
                if (!allowed.Contains(name))
                {
                    diagnostics.Report(DefinitionDiagnostics.InvalidPrivilege, privilege.Location, privilege.Value, model.Name, what, string.Join(", ", allowed));
                }
                else if (!privileges.Contains(name))
                {
                    privileges.Add(name);
                }
            }

            var tenantRole = grant.Role.Value is not (BoundSecurity.AdminKey or BoundSecurity.AppKey);
            if (tenantRole && model.Scope == ModelScope.Shared && model.Materialized == Materialization.MaterializedView)
            {
                diagnostics.Report(DefinitionDiagnostics.UnprotectedGrant, grant.Role.Location,
                    $"model '{model.Name}' is a shared materialized view, and materialized views have no row-level security: granting it to tenant role '{grant.Role.Value}' would show every tenant's rows; make it 'scope: tenant' or grant it to admin/app only");
                continue;
            }

            bound.Add(new BoundGrant(grant.Role.Value, privileges));
        }

        return model with { Grants = bound };
    }
}
