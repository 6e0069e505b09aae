using System.Globalization;
using System.Linq;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>Per model: the row record and <c>Models.X</c> (names, column constants, per-tenant objects, SQL, readers).</summary>
internal static class ModelEmitter
{
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string Token = "global::System.Threading.CancellationToken";
    private const string AsyncEnumerable = "global::System.Collections.Generic.IAsyncEnumerable";
    private const string EnumeratorCancellation = "[global::System.Runtime.CompilerServices.EnumeratorCancellation] ";
    private const string Reader = "global::Npgsql.NpgsqlDataReader";
    private const string DataSource = "global::Npgsql.NpgsqlDataSource";

    public static string Emit(ModelSpec model, EmitOptions options)
    {
        var ns = "global::" + options.Namespace;
        var row = ns + "." + model.RowTypeName;
        var w = Emitter.Begin(options);
        Row(w, model);
        w.Line()
            .Open("public static partial class Models");
        w.Summary(Described(model.Description) + "Model " + CodeWriter.Code(model.Name) + " (" + CodeWriter.Code(model.Materialized) + ", " + (model.Scope == "shared" ? "one object shared by all tenants" : "one object per tenant")
                + "): its names, column constants, database objects and SQL" + (options.UseNpgsql ? ", and typed readers." : "."))
            .Line(Emitter.GeneratedCode)
            .Open("public static partial class " + model.TypeName);
        Names(w, model);
        Objects(w, model, ns);
        if (options.UseNpgsql)
        {
            Readers(w, model, ns, row);
        }

        w.Close().Close().Close();
        return w.ToString();
    }

    /// <summary>The model's own description (from its YAML) as the first sentence of a doc comment.</summary>
    private static string Described(string? description) =>
        description is null ? string.Empty : CodeWriter.Xml(description.Trim().TrimEnd('.')) + ". ";

    private static void Row(CodeWriter w, ModelSpec model)
    {
        w.Summary(Described(model.Description) + "A row of model " + CodeWriter.Code(model.Name) + ", with a property per column in declaration order.");
        foreach (var c in model.Columns)
        {
            w.Line("/// <param name=\"" + c.MemberName + "\">Column " + CodeWriter.Code(c.Name) + ", " + CodeWriter.Code(c.SqlType)
                + (c.Nullable ? ", nullable" : ", not null") + "." + (c.Description is null ? string.Empty : " " + Described(c.Description).TrimEnd()) + "</param>");
        }

        w.Line(Emitter.GeneratedCode)
            .Line("public sealed partial record " + model.RowTypeName + "(")
            .Line("    " + string.Join(",\n        ", model.Columns.Select(c => c.PropertyType + " " + c.MemberName)) + ");");
    }

    private static void Names(CodeWriter w, ModelSpec model)
    {
        w.Summary("The model's name; also the name of its object in every schema.")
            .Line("public const string Name = " + CodeWriter.Literal(model.Name) + ";")
            .Line();
        w.Summary("The sources the model maps, in name order (none unless the model is built from sources).")
            .Line("public static global::System.Collections.Generic.IReadOnlyList<string> Sources { get; } = "
                + (model.IsFromSources
                    ? "new string[] { " + string.Join(", ", model.PerTenant.Select(s => CodeWriter.Literal(s.Source!))) + " }"
                    : "global::System.Array.Empty<string>()") + ";")
            .Line();
        w.Summary("The column names in declaration order, the order of every generated <c>SELECT</c>.")
            .Line("public static global::System.Collections.Generic.IReadOnlyList<string> ColumnNames { get; } = new string[] { "
                + string.Join(", ", model.Columns.Select(c => "Columns." + c.MemberName)) + " };")
            .Line();
        w.Summary("The SQL name of each column.")
            .Open("public static class Columns");
        var first = true;
        foreach (var c in model.Columns)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Summary("Column " + CodeWriter.Code(c.Name) + " (" + CodeWriter.Code(c.SqlType) + (c.Nullable ? ", nullable" : ", not null") + ")."
                    + (c.Description is null ? string.Empty : " " + Described(c.Description).TrimEnd()))
                .Line("public const string " + c.MemberName + " = " + CodeWriter.Literal(c.Name) + ";");
        }

        w.Close();
    }

    private static void Objects(CodeWriter w, ModelSpec model, string ns)
    {
        var modelObject = ns + ".ModelObject";
        var tenant = ns + ".Tenant";
        if (model.IsFromSources)
        {
            SourceObjects(w, model, ns, modelObject, tenant);
        }
        else if (model.PerTenant.Count == 1)
        {
            var o = model.PerTenant[0];
            w.Line();
            w.Summary("The model's object for any tenant, including ones not in <c>tenants.yaml</c>.")
                .Line("/// <param name=\"tenantId\">A valid tenant id (see <see cref=\"" + ns + ".TenantIds.IsValid(string)\"/>).</param>")
                .Line("/// <returns>The schema, object name, quoted qualified name and <c>SELECT</c> text.</returns>")
                .Line("/// <exception cref=\"global::System.ArgumentException\">The tenant id is invalid or its schema name would be too long.</exception>")
                .Line("public static " + modelObject + " For(string tenantId) =>")
                .Line("    " + ns + ".TenantIds.Expand(tenantId, null, " + CodeWriter.Literal(o.SchemaTemplate) + ", " + CodeWriter.Literal(o.ObjectName) + ", "
                    + CodeWriter.Literal(o.QualifiedNameTemplate) + ", " + CodeWriter.Literal(o.SelectTemplate) + ");")
                .Line();
            w.Summary("The model's object for a tenant of the registry.")
                .Line("/// <param name=\"tenant\">A tenant, e.g. from <see cref=\"" + ns + ".Tenants\"/>.</param>")
                .Line("/// <returns>The schema, object name, quoted qualified name and <c>SELECT</c> text.</returns>")
                .Line("public static " + modelObject + " For(" + tenant + " tenant) => For(tenant.Id);");
        }

        if (model.Shared is { } shared)
        {
            w.Line();
            w.Summary("The model's one object, shared by every tenant; each row's " + CodeWriter.Code(model.TenantColumn)
                    + " says whose it is, and row-level security decides which rows a login sees.")
                .Line("public static " + modelObject + " Shared { get; } = " + Fixed(modelObject, shared) + ";");
        }

        if (model.Canonical is { } canonical)
        {
            w.Line();
            w.Summary("The cross-tenant canonical view: every enabled tenant's rows plus " + CodeWriter.Code(model.TenantColumn) + " (selected last).")
                .Line("public static " + modelObject + " Canonical { get; } = " + Fixed(modelObject, canonical) + ";");
        }
    }

    private static string Fixed(string modelObject, ModelObjectSpec o) =>
        "new " + modelObject + "(null, null, " + CodeWriter.Literal(o.SchemaTemplate) + ", " + CodeWriter.Literal(o.ObjectName) + ", "
        + CodeWriter.Literal(o.QualifiedNameTemplate) + ", " + CodeWriter.Literal(o.SelectTemplate) + ")";

    private static void SourceObjects(CodeWriter w, ModelSpec model, string ns, string modelObject, string tenant)
    {
        w.Line();
        w.Summary("The model's object for any tenant (including ones not in <c>tenants.yaml</c>) and one of the model's sources.")
            .Line("/// <param name=\"tenantId\">A valid tenant id (see <see cref=\"" + ns + ".TenantIds.IsValid(string)\"/>).</param>")
            .Line("/// <param name=\"source\">One of <see cref=\"Sources\"/>.</param>")
            .Line("/// <returns>The schema, object name, quoted qualified name and <c>SELECT</c> text.</returns>")
            .Line("/// <exception cref=\"global::System.ArgumentException\">The tenant id is invalid, its schema name would be too long, or the model does not map the source.</exception>")
            .Open("public static " + modelObject + " For(string tenantId, string source)");
        w.Open("switch (source)");
        foreach (var s in model.PerTenant)
        {
            w.Line("case " + CodeWriter.Literal(s.Source!) + ":")
                .Line("    return " + ns + ".TenantIds.Expand(tenantId, source, " + CodeWriter.Literal(s.SchemaTemplate) + ", "
                    + CodeWriter.Literal(s.ObjectName) + ", " + CodeWriter.Literal(s.QualifiedNameTemplate) + ", " + CodeWriter.Literal(s.SelectTemplate) + ");");
        }

        w.Line("default:")
            .Line("    throw new global::System.ArgumentException(\"Model '" + model.Name + "' has no mapping from source '\" + source + \"'; it maps: "
                + string.Join(", ", model.PerTenant.Select(s => s.Source)) + ".\", nameof(source));")
            .Close()
            .Close()
            .Line();

        w.Summary("The model's object for a tenant of the registry and one of the tenant's sources.")
            .Line("/// <param name=\"tenant\">A tenant, e.g. from <see cref=\"" + ns + ".Tenants\"/>.</param>")
            .Line("/// <param name=\"source\">A source of the tenant that the model maps.</param>")
            .Line("/// <returns>The schema, object name, quoted qualified name and <c>SELECT</c> text.</returns>")
            .Line("/// <exception cref=\"global::System.ArgumentException\">The tenant does not have the source, or the model does not map it.</exception>")
            .Open("public static " + modelObject + " For(" + tenant + " tenant, string source)");
        w.Open("if (!global::System.Linq.Enumerable.Contains(tenant.Sources, source))")
            .Line("throw new global::System.ArgumentException(\"Tenant '\" + tenant.Id + \"' has no source '\" + source + \"'.\", nameof(source));")
            .Close()
            .Line()
            .Line("return For(tenant.Id, source);")
            .Close()
            .Line();

        w.Summary("The model's object for a tenant of the registry that has exactly one of the model's sources.")
            .Line("/// <param name=\"tenant\">A tenant, e.g. from <see cref=\"" + ns + ".Tenants\"/>.</param>")
            .Line("/// <returns>The schema, object name, quoted qualified name and <c>SELECT</c> text.</returns>")
            .Line("/// <exception cref=\"global::System.InvalidOperationException\">The tenant has none or several of the model's sources; name one.</exception>")
            .Open("public static " + modelObject + " For(" + tenant + " tenant)");
        w.Line("string? found = null;")
            .Open("foreach (var source in tenant.Sources)")
            .Open("if (global::System.Linq.Enumerable.Contains(Sources, source))")
            .Open("if (found is not null)")
            .Line("throw new global::System.InvalidOperationException(\"Tenant '\" + tenant.Id + \"' has several sources of model '" + model.Name + "'; call For(tenant, source).\");")
            .Close()
            .Line()
            .Line("found = source;")
            .Close()
            .Close()
            .Line()
            .Line("return found is null")
            .Line("    ? throw new global::System.InvalidOperationException(\"Tenant '\" + tenant.Id + \"' has no source of model '" + model.Name + "'.\")")
            .Line("    : For(tenant.Id, found);")
            .Close();
    }

    private static void QueryOverloads(CodeWriter w, ModelSpec model, string ns, string row)
    {
        var result = AsyncEnumerable + "<" + row + ">";
        var parameters = model.IsFromSources
            ? new[] { ("string tenantId, string source, ", "For(tenantId, source)", "the object of one tenant and source", "/// <param name=\"tenantId\">A valid tenant id.</param>\n/// <param name=\"source\">One of <see cref=\"Sources\"/>.</param>"),
                      (ns + ".Tenant tenant, string source, ", "For(tenant, source)", "the object of a registry tenant and one of its sources", "/// <param name=\"tenant\">A tenant, e.g. from <see cref=\"" + ns + ".Tenants\"/>.</param>\n/// <param name=\"source\">A source of the tenant that the model maps.</param>") }
            : model.PerTenant.Count == 1
                ? new[] { ("string tenantId, ", "For(tenantId)", "one tenant's object", "/// <param name=\"tenantId\">A valid tenant id.</param>"),
                          (ns + ".Tenant tenant, ", "For(tenant)", "a registry tenant's object", "/// <param name=\"tenant\">A tenant, e.g. from <see cref=\"" + ns + ".Tenants\"/>.</param>") }
                : new[] { (string.Empty, "Shared", "the shared object (row-level security decides which rows the login sees)", string.Empty) };
        foreach (var (signature, target, what, docs) in parameters)
        {
            w.Summary("Queries " + what + ", streaming the rows.")
                .Line("/// <param name=\"dataSource\">The database.</param>");
            foreach (var doc in docs.Split(new[] { '\n' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                w.Line(doc);
            }

            w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>")
                .Line("/// <returns>The rows, as they arrive.</returns>")
                .Line("public static " + result + " QueryAsync(" + DataSource + " dataSource, " + signature + Token + " cancellationToken = default) =>")
                .Line("    QueryAsync(dataSource, " + target + ", cancellationToken);")
                .Line();
        }
    }

    private static void Readers(CodeWriter w, ModelSpec model, string ns, string row)
    {
        w.Line();
        w.Summary("Reads the reader's current row, by ordinal, as selected by a <see cref=\"" + ns + ".ModelObject.SelectSql\"/> of this model.")
            .Line("/// <param name=\"reader\">A reader positioned on a row.</param>")
            .Line("/// <param name=\"cancellationToken\">Cancels the read.</param>")
            .Line("/// <returns>The row.</returns>")
            .Open("public static async " + Task + "<" + row + "> ReadRowAsync(" + Reader + " reader, " + Token + " cancellationToken = default)");
        w.Line("return new " + row + "(");
        for (var i = 0; i < model.Columns.Count; i++)
        {
            var c = model.Columns[i];
            var ordinal = i.ToString(CultureInfo.InvariantCulture);
            var read = "await reader.GetFieldValueAsync<" + c.ClrType + ">(" + ordinal + ", cancellationToken).ConfigureAwait(false)";
            var value = c.Nullable
                ? "await reader.IsDBNullAsync(" + ordinal + ", cancellationToken).ConfigureAwait(false) ? (" + c.PropertyType + ")null : " + read
                : read;
            w.Line("    " + value + (i == model.Columns.Count - 1 ? ");" : ","));
        }

        w.Close()
            .Line();

        w.Summary("Reads every remaining row of the reader, streaming.")
            .Line("/// <param name=\"reader\">A reader over a <see cref=\"" + ns + ".ModelObject.SelectSql\"/> of this model.</param>")
            .Line("/// <param name=\"cancellationToken\">Cancels the reads.</param>")
            .Line("/// <returns>The rows, as they arrive.</returns>")
            .Open("public static async " + AsyncEnumerable + "<" + row + "> ReadAllAsync(" + Reader + " reader, " + EnumeratorCancellation + Token + " cancellationToken = default)");
        w.Open("while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))")
            .Line("yield return await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);")
            .Close()
            .Close()
            .Line();

        QueryOverloads(w, model, ns, row);
        w.Summary("Runs <paramref name=\"target\"/>'s <c>SELECT</c> and streams the rows.")
            .Line("/// <param name=\"dataSource\">The database.</param>")
            .Line("/// <param name=\"target\">An object of this model, from <c>For</c>.</param>")
            .Line("/// <param name=\"cancellationToken\">Cancels the query.</param>")
            .Line("/// <returns>The rows, as they arrive.</returns>")
            .Open("public static async " + AsyncEnumerable + "<" + row + "> QueryAsync(" + DataSource + " dataSource, " + ns + ".ModelObject target, " + EnumeratorCancellation + Token + " cancellationToken = default)");
        w.Line("await using var command = dataSource.CreateCommand(target.SelectSql);")
            .Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);")
            .Open("while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))")
            .Line("yield return await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);")
            .Close()
            .Close();

        if (model.Canonical is not null)
        {
            var canonicalRow = ns + ".CanonicalRow<" + row + ">";
            var tenantOrdinal = model.Columns.Count.ToString(CultureInfo.InvariantCulture);
            w.Line();
            w.Summary("Queries the canonical view (every enabled tenant), streaming the rows with their tenant.")
                .Line("/// <param name=\"dataSource\">The database.</param>")
                .Line("/// <param name=\"cancellationToken\">Cancels the query.</param>")
                .Line("/// <returns>The rows, as they arrive.</returns>")
                .Open("public static async " + AsyncEnumerable + "<" + canonicalRow + "> QueryCanonicalAsync(" + DataSource + " dataSource, " + EnumeratorCancellation + Token + " cancellationToken = default)");
            w.Line("await using var command = dataSource.CreateCommand(Canonical.SelectSql);")
                .Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);")
                .Open("while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))")
                .Line("var row = await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);")
                .Line("yield return new " + canonicalRow + "(await reader.GetFieldValueAsync<string>(" + tenantOrdinal + ", cancellationToken).ConfigureAwait(false), row);")
                .Close()
                .Close();
        }
    }
}
