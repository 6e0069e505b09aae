using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// Secured projects compiled from in-memory YAML by the real compiler. Roles are cluster-wide and the test server
/// is shared by every class, so each project takes its own role prefix and tenant role patterns.
/// </summary>
internal static class SecuredProjects
{
    /// <summary>
    /// Tenants with a per-tenant <c>orders</c> table and, for shared isolation, a shared <c>screens</c> table. Roles:
    /// <c>{prefix}_owner</c>, <c>{prefix}_admin</c>, <c>{prefix}_app</c>, <c>{prefix}_&lt;tenant&gt;_reader</c>.
    /// </summary>
    public static Bundle Compile(string prefix, string version, IEnumerable<string> tenants, string isolation = "schema",
        string orderGrants = "{ reader: [select], admin: [select] }", bool withOrders = true, IEnumerable<(string Path, string Text)>? extra = null)
    {
        var files = new List<(string Path, string Text)>
        {
            ("tenants.yaml", "tenants:\n" + string.Concat(tenants.Select(t => $"  - id: {t}\n"))),
            ("tenantmodels.yaml", $"security:\n  isolation: {isolation}\n  prefix: {prefix}\n  tenant_roles:\n    reader: \"{prefix}_<tenant>_reader\"\n"
                + (isolation == "database" ? "naming:\n  database: \"" + prefix + "_<tenant>\"\n" : string.Empty)),
        };
        if (withOrders)
        {
            files.Add(("models/orders.yaml", $$"""
                model: orders
                materialized: table
                columns:
                  id: { type: integer, nullable: false }
                  total: numeric
                primary_key: [id]
                grants: {{orderGrants}}
                """));
        }

        if (isolation == "shared")
        {
            files.Add(("models/screens.yaml", """
                model: screens
                materialized: table
                scope: shared
                columns:
                  id: { type: integer, nullable: false }
                  white_label_id: { type: integer, nullable: false }
                primary_key: [id]
                grants: { reader: [select], admin: [select], app: [select] }
                """));
        }

        files.AddRange(extra ?? Enumerable.Empty<(string, string)>());
        var result = ModelProjectCompiler.Compile(new ProjectInput("Secured_" + prefix, version, files.Select(f => new DefinitionFile(f.Path, f.Path, f.Text)).ToList()));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bundle!;
    }
}
