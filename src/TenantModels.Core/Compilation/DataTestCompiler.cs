using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Each data test into one query template run for one tenant at a time: the failing rows of the tenant's object (a
/// shared model's rows of the tenant), at most <see cref="BundleDataTest.SampleLimitParameter"/> of them in a fixed
/// order, each with the count of them all. A model built from several sources gets one test per source's object.
/// </summary>
internal static class DataTestCompiler
{
    private const string Alias = "t";

    public static IReadOnlyList<CompiledDataTest> Compile(BoundProject project)
    {
        var models = project.Models.ToDictionary(m => m.Name, System.StringComparer.Ordinal);
        var tests = new List<CompiledDataTest>();
        foreach (var model in project.Models.Where(m => m.TestList.Count > 0))
        {
            var seen = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (var test in model.TestList)
            {
                var baseName = model.Name + (test.Column is null ? string.Empty : "." + test.Column) + "." + BoundDataTest.NameOf(test.Kind);
                seen[baseName] = seen.TryGetValue(baseName, out var count) ? count + 1 : 1;
                var name = seen[baseName] == 1 ? baseName : baseName + "_" + seen[baseName].ToString(CultureInfo.InvariantCulture);
                foreach (var (source, relation, artefact) in Objects(project, model))
                {
                    tests.Add(new CompiledDataTest(
                        Named(name, model, source), model.Name, test.Column, BoundDataTest.NameOf(test.Kind), source, artefact,
                        Wrap(Failing(project, models, model, test, relation)), test.Location));
                }
            }
        }

        if (project.CanonicalTenantsTest)
        {
            foreach (var model in project.Models.Where(m => m.Canonical))
            {
                foreach (var (source, _, artefact) in Objects(project, model))
                {
                    tests.Add(new CompiledDataTest(
                        Named(model.Name + "." + ProjectTestBinder.CanonicalTenantsName, model, source), model.Name, null, ProjectTestBinder.CanonicalTenantsName,
                        source, artefact, Wrap(CanonicalTenant(project, model, source)), model.Location));
                }
            }
        }

        return tests;
    }

    private static string Named(string name, BoundModel model, string? source) =>
        source is not null && model.Mappings.Count > 1 ? name + "@" + source : name;

    /// <summary>The tenant's objects of a model: (source, relation of the tenant's rows, artefact), one per source for models built from sources.</summary>
    private static IEnumerable<(string? Source, string Relation, string Artefact)> Objects(BoundProject project, BoundModel model)
    {
        if (model.IsFromSources)
        {
            return model.Mappings.Select(m => m.Source.Name).OrderBy(s => s, System.StringComparer.Ordinal)
                .Select(s => ((string?)s, ModelLocation.QualifiedName(project, model, s), ArtefactIds.StagingView(s, model.Name)));
        }

        return new[] { ((string?)null, RelationOf(project, model), ModelLocation.ArtefactId(model)) };
    }

    /// <summary>The tenant's rows of a model: its own object, or a shared model's rows of the tenant.</summary>
    private static string RelationOf(BoundProject project, BoundModel model, string? source = null) =>
        model.Scope == ModelScope.Shared
            ? new SqlWriter().Append("(SELECT * FROM ").Append(ModelLocation.QualifiedName(project, model))
                .Append(" WHERE ").Identifier(BoundProject.TenantColumn).Append(" = ").Literal(ArtefactTemplate.TenantPlaceholder).Append(")").ToString()
            : ModelLocation.QualifiedName(project, model, source);

    private static string Failing(BoundProject project, IReadOnlyDictionary<string, BoundModel> models, BoundModel model, BoundDataTest test, string relation)
    {
        var sql = new SqlWriter();
        var from = " FROM " + relation + " AS " + Alias;
        switch (test.Kind)
        {
            case DataTestKind.NotNull:
                return sql.Append("SELECT *").Append(from).Append(" WHERE ").Append(Column(test.Column!)).Append(" IS NULL").ToString();
            case DataTestKind.Unique:
                return sql.Append("SELECT ").Join(", ", test.Columns, (w, c) => w.Append(Column(c)))
                    .Append(", count(*) AS occurrences").Append(from)
                    .Append(" WHERE ").Join(" AND ", test.Columns, (w, c) => w.Append(Column(c)).Append(" IS NOT NULL"))
                    .Append(" GROUP BY ").Join(", ", test.Columns, (w, c) => w.Append(Column(c)))
                    .Append(" HAVING count(*) > 1").ToString();
            case DataTestKind.AcceptedValues:
                var type = model.Columns.First(c => c.Name == test.Column).Type;
                return sql.Append("SELECT *").Append(from).Append(" WHERE ").Append(Column(test.Column!)).Append(" IS NOT NULL AND ")
                    .Append(Column(test.Column!)).Append(" NOT IN (").Join(", ", test.Values!, (w, v) => w.Append(TypedLiteral.Write(type, v))).Append(")").ToString();
            case DataTestKind.Relationships:
                var target = models[test.References!];
                var targetRelation = target.IsFromSources ? ModelLocation.QualifiedName(project, target, target.Mappings[0].Source.Name) : RelationOf(project, target);
                return sql.Append("SELECT *").Append(from).Append(" WHERE ").Append(Column(test.Column!)).Append(" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ")
                    .Append(targetRelation).Append(" AS r WHERE r.").Identifier(test.ReferencedColumn!).Append(" = ").Append(Column(test.Column!)).Append(")").ToString();
            case DataTestKind.Expression:
                return sql.Append("SELECT *").Append(from).Append(" WHERE NOT (").Append(test.Expression!).Append(")").ToString();
            default:
                var bounds = new List<string>();
                if (test.Min is { } min)
                {
                    bounds.Add("count(*) < " + min.ToString(CultureInfo.InvariantCulture));
                }

                if (test.Max is { } max)
                {
                    bounds.Add("count(*) > " + max.ToString(CultureInfo.InvariantCulture));
                }

                return sql.Append("SELECT count(*) AS row_count").Append(from).Append(" HAVING ").Append(string.Join(" OR ", bounds)).ToString();
        }
    }

    private static string Column(string name) => Alias + "." + SqlWriter.QuoteIdentifier(name);

    /// <summary>
    /// The tenant's object is missing from the canonical form: the view form's rule does not read the object (the
    /// catalog says so whatever the rows); the table form holds none of the tenant's rows while the object has some.
    /// </summary>
    private static string CanonicalTenant(BoundProject project, BoundModel model, string? source)
    {
        var own = ModelLocation.QualifiedName(project, model, source);
        var canonical = SqlWriter.QualifiedName(project.CanonicalSchema, model.Name);
        var sql = new SqlWriter();
        if (model.CanonicalTable is null)
        {
            return sql.Append("SELECT ").Literal(own).Append(" AS object, ").Literal("is not read by the canonical view " + canonical).Append(" AS problem")
                .Append(" WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d JOIN pg_catalog.pg_rewrite AS w ON w.oid = d.objid")
                .Append(" WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND w.ev_class = to_regclass(").Literal(canonical)
                .Append(") AND d.refobjid = to_regclass(").Literal(own).Append("))").ToString();
        }

        return sql.Append("SELECT ").Literal(own).Append(" AS object, ").Literal("has rows, and the canonical table " + canonical + " none of the tenant's").Append(" AS problem")
            .Append(" WHERE EXISTS (SELECT 1 FROM ").Append(own).Append(") AND NOT EXISTS (SELECT 1 FROM ").Append(canonical)
            .Append(" WHERE ").Identifier(BoundProject.TenantColumn).Append(" = ").Literal(ArtefactTemplate.TenantPlaceholder).Append(")").ToString();
    }

    /// <summary>Failing rows into samples: each row as JSON with the count of them all, in a fixed order, at most $1.</summary>
    private static string Wrap(string failing) => new SqlWriter()
        .Line("SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample")
        .Line("FROM (")
        .Line(failing)
        .Line(") AS f")
        .Line("ORDER BY 2")
        .Line("LIMIT " + BundleDataTest.SampleLimitParameter)
        .ToString();
}
