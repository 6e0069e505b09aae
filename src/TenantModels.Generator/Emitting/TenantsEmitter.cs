using System.Linq;
using TenantModels.Core.CodeModel;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>
/// The registry's types: <c>Tenant</c>, <c>TenantAttributes</c> (typed as the registry declares them) and
/// <c>Tenants</c> (<c>All</c>, lookup by id) over the registry as data (<see cref="TenantTable"/>), so the code has
/// the same size for three tenants or ten thousand. Re-emitted only when tenants change.
/// </summary>
internal static class TenantsEmitter
{
    private const string Dictionary = "global::System.Collections.Generic.Dictionary";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

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

        w.Summary("Every tenant, in registry order.")
            .Line("public static global::System.Collections.Generic.IReadOnlyList<" + tenant + "> All => Registry.All;")
            .Line();

        w.Summary("Finds a tenant of the registry by id.")
            .Line("/// <param name=\"id\">The tenant id.</param>")
            .Line("/// <param name=\"tenant\">The tenant, when found.</param>")
            .Line("/// <returns>True when the registry has a tenant with that id.</returns>")
            .Open("public static bool TryGet(string id, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + tenant + "? tenant)");
        w.Open("if (id is null)")
            .Line("tenant = null;")
            .Line("return false;")
            .Close()
            .Line()
            .Line("return Registry.ById.TryGetValue(id, out tenant);")
            .Close()
            .Line();

        w.Summary("Gets a tenant of the registry by id.")
            .Line("/// <param name=\"id\">The tenant id.</param>")
            .Line("/// <returns>The tenant.</returns>")
            .Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">The registry has no such tenant.</exception>")
            .Line("public static " + tenant + " Get(string id) => TryGet(id, out var tenant)")
            .Line("    ? tenant")
            .Line("    : throw new global::System.Collections.Generic.KeyNotFoundException(\"The tenant registry has no tenant '\" + id + \"'.\");")
            .Line();

        Registry(w, spec, ns, tenant);
        w.Close().Close();
        return w.ToString();
    }

    /// <summary>The table and its decoder; the CLR runs the static constructor once, on first use, thread-safely.</summary>
    private static void Registry(CodeWriter w, TenantsSpec spec, string ns, string tenant)
    {
        w.Summary("The registry as data (one line per tenant), decoded on first use.")
            .Open("private static class Registry");
        w.Line("internal static readonly " + tenant + "[] All;")
            .Line()
            .Line("internal static readonly " + Dictionary + "<string, " + tenant + "> ById;")
            .Line();
        if (spec.RegistryFile is null)
        {
            w.Line("/// <summary>id|name|enabled|sources|priority|tier|database"
                    + string.Concat(spec.Attributes.Select(a => "|" + CodeWriter.Xml(a.Name))) + "; <c>\\0</c> is null, <c>\\\\</c>, <c>\\|</c> and <c>\\uXXXX</c> are escapes.</summary>")
                .Line("private const string Table = " + TenantTable.Literal(spec) + ";")
                .Line();
        }
        else
        {
            RegistryFileReader(w, spec);
        }

        w.Open("static Registry()");
        w.Line(spec.RegistryFile is null ? "var lines = Table.Split('\\n');" : "var lines = ReadTable();")
            .Line("var all = new global::System.Collections.Generic.List<" + tenant + ">(lines.Length);")
            .Line("ById = new " + Dictionary + "<string, " + tenant + ">(lines.Length, global::System.StringComparer.Ordinal);")
            .Line("var sourceLists = new " + Dictionary + "<string, string[]>(global::System.StringComparer.Ordinal);")
            .Line("var fields = new string?[" + TenantTable.FieldCount(spec).ToString(System.Globalization.CultureInfo.InvariantCulture) + "];")
            .Open("foreach (var line in lines)");
        w.Open("if (!Split(line, fields))")
            .Line("continue;")
            .Close()
            .Line()
            .Open("if (!sourceLists.TryGetValue(fields[3]!, out var sources))")
            .Line("sources = fields[3]!.Length == 0 ? global::System.Array.Empty<string>() : fields[3]!.Split(',');")
            .Line("sourceLists.Add(fields[3]!, sources);")
            .Close()
            .Line()
            .Line("var tenant = new " + tenant + "(")
            .Line("    fields[0]!,")
            .Line("    fields[1]!,")
            .Line("    fields[2] == \"1\",")
            .Line("    sources,")
            .Line("    int.Parse(fields[4]!, global::System.Globalization.NumberStyles.AllowLeadingSign, " + Invariant + "),")
            .Line("    fields[5],")
            .Line("    fields[6],");
        if (spec.Attributes.Count == 0)
        {
            w.Line("    new " + ns + ".TenantAttributes());");
        }
        else
        {
            w.Line("    new " + ns + ".TenantAttributes(");
            for (var i = 0; i < spec.Attributes.Count; i++)
            {
                w.Line("        " + TenantTable.AttributeValue(spec.Attributes[i], i) + (i == spec.Attributes.Count - 1 ? "));" : ","));
            }
        }

        w.Line("all.Add(tenant);")
            .Open("if (!ById.ContainsKey(tenant.Id))")
            .Line("ById.Add(tenant.Id, tenant);")
            .Close()
            .Close()
            .Line()
            .Line("All = all.ToArray();")
            .Close()
            .Line();

        w.Summary("Splits one line of the table into <paramref name=\"fields\"/>, unescaping them; false for a blank line.")
            .Open("private static bool Split(string line, string?[] fields)");
        w.Line("var field = 0;")
            .Line("var text = new global::System.Text.StringBuilder();")
            .Line("var isNull = false;")
            .Open("for (var i = 0; i < line.Length; i++)");
        w.Line("var c = line[i];")
            .Open("if (c == '|')")
            .Line("fields[field++] = isNull ? null : text.ToString();")
            .Line("text.Clear();")
            .Line("isNull = false;")
            .Close()
            .Open("else if (c == '\\\\')")
            .Line("c = line[++i];")
            .Open("if (c == '0')")
            .Line("isNull = true;")
            .Close()
            .Open("else if (c == 'u')")
            .Line("text.Append((char)int.Parse(line.Substring(i + 1, 4), global::System.Globalization.NumberStyles.AllowHexSpecifier, " + Invariant + "));")
            .Line("i += 4;")
            .Close()
            .Open("else")
            .Line("text.Append(c);")
            .Close()
            .Close()
            .Open("else if (c != '\\r')")
            .Line("text.Append(c);")
            .Close()
            .Close()
            .Line()
            .Open("if (field == 0 && text.Length == 0)")
            .Line("return false;")
            .Close()
            .Line()
            .Line("fields[field] = isNull ? null : text.ToString();")
            .Line("return true;")
            .Close()
            .Close();
    }

    /// <summary>
    /// Reads the table from the registry file the build copies beside the assembly; its first line must name the fields this
    /// code decodes, so a file of another build is an error that says so instead of values read into the wrong members.
    /// </summary>
    private static void RegistryFileReader(CodeWriter w, TenantsSpec spec)
    {
        var firstLine = TenantRegistryFile.FirstLine(spec.Attributes.Select(a => new AttributeCode(a.Name, a.MemberName, a.SqlType, a.PropertyType, a.Nullable, a.Decoder)));
        w.Summary("The registry file the build writes from <c>tenants.yaml</c> beside the assembly: a first line naming the fields, then one line per tenant.")
            .Line("private const string FileName = " + CodeWriter.Literal(spec.RegistryFile!) + ";")
            .Line()
            .Line("private const string FirstLine = " + CodeWriter.Literal(firstLine) + ";")
            .Line();
        w.Open("private static string[] ReadTable()");
        w.Line("var directory = global::System.IO.Path.GetDirectoryName(typeof(Registry).Assembly.Location);")
            .Line("var path = global::System.IO.Path.Combine(string.IsNullOrEmpty(directory) ? global::System.AppContext.BaseDirectory : directory!, FileName);")
            .Open("if (!global::System.IO.File.Exists(path))")
            .Line("throw new global::System.IO.FileNotFoundException(\"The tenant registry of \" + typeof(Registry).Assembly.GetName().Name + \" was not found at '\" + path + \"'. \"")
            .Line("    + \"The build writes it from tenants.yaml beside the assembly (and into the output of every project that references it): deploy it with the assembly.\", path);")
            .Close()
            .Line()
            .Line("var lines = global::System.IO.File.ReadAllText(path, global::System.Text.Encoding.UTF8).Split('\\n');")
            .Open("if (lines[0].TrimEnd('\\r') != FirstLine)")
            .Line("throw new global::System.IO.InvalidDataException(\"The tenant registry at '\" + path + \"' does not fit \" + typeof(Registry).Assembly.GetName().Name + \": it starts '\" + lines[0].TrimEnd('\\r') + \"' where '\" + FirstLine + \"' was expected. \"")
            .Line("    + \"It was written by another build (for other tenant attributes): deploy the registry file of the build that made the assembly.\");")
            .Close()
            .Line()
            .Line("// The first line is not a tenant; a blank line is skipped.")
            .Line("lines[0] = string.Empty;")
            .Line("return lines;")
            .Close()
            .Line();
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
