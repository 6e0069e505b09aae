using System.Globalization;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>Types every model file uses, independent of tenants and models: <c>ModelObject</c>, <c>CanonicalRow&lt;TRow&gt;</c>, <c>TenantIds</c>.</summary>
internal static class SupportEmitter
{
    public static string Emit(SupportSpec spec, EmitOptions options)
    {
        var ns = "global::" + options.Namespace;
        var w = Emitter.Begin(options);

        w.Summary("A database object of a model: a tenant's object (per source for models built from sources), a shared object, or the cross-tenant canonical view.")
            .Line("/// <param name=\"TenantId\">The tenant, or null for a shared object or the canonical view.</param>")
            .Line("/// <param name=\"Source\">The source of a model built from sources; otherwise null.</param>")
            .Line("/// <param name=\"Schema\">The schema name, unquoted.</param>")
            .Line("/// <param name=\"Name\">The object name, unquoted.</param>")
            .Line("/// <param name=\"QualifiedName\">The quoted <c>\"schema\".\"name\"</c>, safe to splice into SQL.</param>")
            .Line("/// <param name=\"SelectSql\">Selects every model column in declaration order (the order the generated readers expect).</param>")
            .Line(Emitter.GeneratedCode)
            .Line("public sealed partial record ModelObject(string? TenantId, string? Source, string Schema, string Name, string QualifiedName, string SelectSql);")
            .Line();

        w.Summary("A row of a canonical (cross-tenant) view: the model's row and the tenant it comes from.")
            .Line("/// <typeparam name=\"TRow\">The model's row record.</typeparam>")
            .Line("/// <param name=\"TenantId\">The tenant the row belongs to.</param>")
            .Line("/// <param name=\"Row\">The model's columns.</param>")
            .Line(Emitter.GeneratedCode)
            .Line("public readonly partial record struct CanonicalRow<TRow>(string TenantId, TRow Row);")
            .Line();

        w.Summary("The models of the project; one nested class per model with its names, SQL and readers.")
            .Line(Emitter.GeneratedCode)
            .Line("public static partial class Models")
            .Line("{")
            .Line("}")
            .Line();

        w.Summary("The tenant-id rules of TenantModels, so per-tenant names can be derived for any tenant, including ones created at run time.")
            .Line(Emitter.GeneratedCode)
            .Open("public static partial class TenantIds");
        w.Summary("PostgreSQL keeps names up to this many bytes and silently truncates longer ones; derived names longer than this are refused.")
            .Line("public const int MaxIdentifierBytes = " + spec.MaxIdentifierBytes.ToString(CultureInfo.InvariantCulture) + ";")
            .Line();
        w.Summary("The placeholder per-tenant templates hold in place of the tenant id.")
            .Line("internal const string Placeholder = " + CodeWriter.Literal(spec.TenantPlaceholder) + ";")
            .Line();
        w.Summary("Whether <paramref name=\"id\"/> is a valid tenant id: 1 to " + spec.MaxIdentifierBytes.ToString(CultureInfo.InvariantCulture)
                + " lowercase ASCII letters, digits and underscores, starting with a letter.")
            .Line("/// <param name=\"id\">The candidate tenant id.</param>")
            .Line("/// <returns>True when the id is valid.</returns>")
            .Open("public static bool IsValid(string? id)");
        w.Open("if (id is null || id.Length == 0 || id.Length > MaxIdentifierBytes || id[0] < 'a' || id[0] > 'z')")
            .Line("return false;")
            .Close()
            .Line()
            .Open("foreach (var c in id)")
            .Open("if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))")
            .Line("return false;")
            .Close()
            .Close()
            .Line()
            .Line("return true;")
            .Close()
            .Line();

        w.Summary("Builds a per-tenant object from its templates after checking the tenant id and the derived schema name.")
            .Open("internal static " + ns + ".ModelObject Expand(string tenantId, string? source, string schemaTemplate, string name, string qualifiedNameTemplate, string selectTemplate)");
        w.Open("if (!IsValid(tenantId))")
            .Line("throw new global::System.ArgumentException(\"'\" + tenantId + \"' is not a valid tenant id: use 1 to \" + MaxIdentifierBytes + \" lowercase ASCII letters, digits and underscores, starting with a letter.\", nameof(tenantId));")
            .Close()
            .Line()
            .Line("var schema = schemaTemplate.Replace(Placeholder, tenantId);")
            .Line("var bytes = global::System.Text.Encoding.UTF8.GetByteCount(schema);")
            .Open("if (bytes > MaxIdentifierBytes)")
            .Line("throw new global::System.ArgumentException(\"The schema of tenant '\" + tenantId + \"' would be '\" + schema + \"', \" + bytes + \" bytes long; PostgreSQL truncates names over \" + MaxIdentifierBytes + \" bytes.\", nameof(tenantId));")
            .Close()
            .Line()
            .Line("return new " + ns + ".ModelObject(tenantId, source, schema, name, qualifiedNameTemplate.Replace(Placeholder, tenantId), selectTemplate.Replace(Placeholder, tenantId));")
            .Close()
            .Close()
            .Close();
        return w.ToString();
    }
}
