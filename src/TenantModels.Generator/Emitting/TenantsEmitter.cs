using System.Globalization;
using System.Linq;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>
/// The registry's types: <c>Tenant</c>, <c>TenantAttributes</c> (typed as the registry declares them) and
/// <c>Tenants</c> (one property per tenant, <c>All</c>, lookup by id). Re-emitted only when tenants change.
/// </summary>
internal static class TenantsEmitter
{
    public static string Emit(TenantsSpec spec, EmitOptions options)
    {
        var ns = "global::" + options.Namespace;
        var tenant = ns + ".Tenant";
        var w = Emitter.Begin(options);
        TenantRecord(w, ns);
        AttributesRecord(w, spec);

        w.Summary("The tenants of the registry (<c>tenants.yaml</c>) when the project was built. Tenants created at run time are not "
                + "listed; their per-tenant names come from the <c>Models.X.For(tenantId, ...)</c> methods.")
            .Line(Emitter.GeneratedCode)
            .Open("public static partial class Tenants");

        foreach (var t in spec.Tenants)
        {
            var sources = t.Sources.Count == 0
                ? "global::System.Array.Empty<string>()"
                : "new string[] { " + string.Join(", ", t.Sources.Select(CodeWriter.Literal)) + " }";
            w.Summary(CodeWriter.Xml(t.Name) + " (" + CodeWriter.Code(t.Id) + (t.Enabled ? "" : ", disabled") + "); sources: "
                    + (t.Sources.Count == 0 ? "none" : string.Join(", ", t.Sources.Select(CodeWriter.Code))) + ".")
                .Line("public static " + tenant + " " + t.MemberName + " { get; } = new " + tenant + "(")
                .Line("    " + CodeWriter.Literal(t.Id) + ",")
                .Line("    " + CodeWriter.Literal(t.Name) + ",")
                .Line("    " + (t.Enabled ? "true" : "false") + ",")
                .Line("    " + sources + ",")
                .Line("    " + t.Priority.ToString(CultureInfo.InvariantCulture) + ",")
                .Line("    " + (t.Tier is null ? "null" : CodeWriter.Literal(t.Tier)) + ",")
                .Line("    " + (t.Database is null ? "null" : CodeWriter.Literal(t.Database)) + ",")
                .Line("    new " + ns + ".TenantAttributes(" + string.Join(", ", t.AttributeValues) + "));")
                .Line();
        }

        w.Summary("Every tenant, in registry order.")
            .Line("public static global::System.Collections.Generic.IReadOnlyList<" + tenant + "> All { get; } = new " + tenant + "[]")
            .Line("{");
        foreach (var t in spec.Tenants)
        {
            w.Line("    " + t.MemberName + ",");
        }

        w.Line("};")
            .Line();

        w.Summary("Finds a tenant of the registry by id.")
            .Line("/// <param name=\"id\">The tenant id.</param>")
            .Line("/// <param name=\"tenant\">The tenant, when found.</param>")
            .Line("/// <returns>True when the registry has a tenant with that id.</returns>")
            .Open("public static bool TryGet(string id, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + tenant + "? tenant)");
        w.Open("tenant = id switch");
        foreach (var t in spec.Tenants)
        {
            w.Line(CodeWriter.Literal(t.Id) + " => " + t.MemberName + ",");
        }

        w.Line("_ => null,")
            .Close(";")
            .Line("return tenant is not null;")
            .Close()
            .Line();

        w.Summary("Gets a tenant of the registry by id.")
            .Line("/// <param name=\"id\">The tenant id.</param>")
            .Line("/// <returns>The tenant.</returns>")
            .Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">The registry has no such tenant.</exception>")
            .Line("public static " + tenant + " Get(string id) => TryGet(id, out var tenant)")
            .Line("    ? tenant")
            .Line("    : throw new global::System.Collections.Generic.KeyNotFoundException(\"The tenant registry has no tenant '\" + id + \"'.\");")
            .Close()
            .Close();
        return w.ToString();
    }

    private static void TenantRecord(CodeWriter w, string ns)
    {
        w.Summary("A tenant of the model project's registry (<c>tenants.yaml</c>), with the registry's defaults applied. Every tenant is listed in <see cref=\"Tenants\"/>.")
            .Line("/// <param name=\"Id\">The tenant id: lowercase letters, digits and underscores, starting with a letter.</param>")
            .Line("/// <param name=\"Name\">The display name.</param>")
            .Line("/// <param name=\"Enabled\">Whether deployments and canonical views include the tenant.</param>")
            .Line("/// <param name=\"Sources\">The providers whose raw data the tenant has.</param>")
            .Line("/// <param name=\"Priority\">Lower runs first (deployments and refreshes go tenant by tenant in this order).</param>")
            .Line("/// <param name=\"Tier\">The tenant's tier, when the registry sets one.</param>")
            .Line("/// <param name=\"Database\">The target database key for a target map; null for the default target.</param>")
            .Line("/// <param name=\"Attributes\">The typed attributes the registry declares.</param>")
            .Line(Emitter.GeneratedCode)
            .Line("public sealed partial record Tenant(")
            .Line("    string Id,")
            .Line("    string Name,")
            .Line("    bool Enabled,")
            .Line("    global::System.Collections.Generic.IReadOnlyList<string> Sources,")
            .Line("    int Priority,")
            .Line("    string? Tier,")
            .Line("    string? Database,")
            .Line("    " + ns + ".TenantAttributes Attributes);")
            .Line();
    }

    private static void AttributesRecord(CodeWriter w, TenantsSpec spec)
    {
        w.Summary("The tenant attributes the registry declares (<c>attributes:</c> in <c>tenants.yaml</c>), typed.");
        foreach (var a in spec.Attributes)
        {
            w.Line("/// <param name=\"" + a.MemberName + "\">Attribute " + CodeWriter.Code(a.Name) + ", " + CodeWriter.Code(a.SqlType)
                + (a.Nullable ? ", optional" : ", required") + ".</param>");
        }

        w.Line(Emitter.GeneratedCode);
        if (spec.Attributes.Count == 0)
        {
            w.Line("public sealed partial record TenantAttributes();");
        }
        else
        {
            w.Line("public sealed partial record TenantAttributes(")
                .Line("    " + string.Join(",\n        ", spec.Attributes.Select(a => a.PropertyType + " " + a.MemberName)) + ");");
        }

        w.Line();
    }
}
