using System.Linq;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>The <c>Tenants</c> class: one property per tenant of the registry, <c>All</c>, and lookup by id.</summary>
internal static class TenantsEmitter
{
    public static string Emit(EquatableArray<TenantSpec> tenants, EmitOptions options)
    {
        var tenant = "global::" + options.Namespace + ".Tenant";
        var w = Emitter.Begin(options);
        w.Summary("The tenants of the registry (<c>tenants.yaml</c>) when the project was built. Tenants created at run time are not "
                + "listed; their per-tenant names come from the <c>Models.X.For(tenantId, source)</c> methods.")
            .Line(Emitter.GeneratedCode)
            .Open("public static partial class Tenants");

        foreach (var t in tenants)
        {
            var sources = t.Sources.Count == 0
                ? "global::System.Array.Empty<string>()"
                : "new string[] { " + string.Join(", ", t.Sources.Select(CodeWriter.Literal)) + " }";
            w.Summary(CodeWriter.Xml(t.Name) + " (" + CodeWriter.Code(t.Id) + (t.Enabled ? "" : ", disabled") + "); sources: "
                    + (t.Sources.Count == 0 ? "none" : string.Join(", ", t.Sources.Select(CodeWriter.Code))) + ".")
                .Line("public static " + tenant + " " + t.MemberName + " { get; } = new " + tenant + "(" + CodeWriter.Literal(t.Id) + ", "
                    + CodeWriter.Literal(t.Name) + ", " + (t.Enabled ? "true" : "false") + ", " + sources + ");")
                .Line();
        }

        w.Summary("Every tenant, in registry order.")
            .Line("public static global::System.Collections.Generic.IReadOnlyList<" + tenant + "> All { get; } = new " + tenant + "[]")
            .Line("{");
        foreach (var t in tenants)
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
        foreach (var t in tenants)
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
}
