using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Binds one model: its columns' types and each source mapping's tables, joins, references and casts.</summary>
internal sealed class ModelBinder
{
    private static readonly Dictionary<string, Materialization> Materializations = new()
    {
        ["view"] = Materialization.View,
        ["table"] = Materialization.Table,
        ["materialized_view"] = Materialization.MaterializedView,
    };

    private static readonly Dictionary<string, ModelScope> Scopes = new()
    {
        ["tenant"] = ModelScope.Tenant,
        ["shared"] = ModelScope.Shared,
    };

    private static readonly string[] JoinKinds = { "left", "inner" };

    private readonly IReadOnlyDictionary<string, BoundSource> _sources;
    private readonly ModelCatalog _catalog;
    private readonly IReadOnlyList<Pipeline.DefinitionFile> _seedFiles;
    private readonly IReadOnlyList<BoundColumn>? _attributes;
    private readonly DiagnosticBag _diagnostics;

    public ModelBinder(IReadOnlyDictionary<string, BoundSource> sources, ModelCatalog catalog, IReadOnlyList<Pipeline.DefinitionFile> seedFiles,
        IReadOnlyList<BoundColumn>? attributes, DiagnosticBag diagnostics)
    {
        _attributes = attributes;
        _sources = sources;
        _catalog = catalog;
        _seedFiles = seedFiles;
        _diagnostics = diagnostics;
    }

    public BoundModel? Bind(ModelSyntax model)
    {
        var materializedOk = OneOf(model.Materialized, "materialized", Materializations.Keys.ToArray());
        var scopeOk = OneOf(model.Scope, "scope", Scopes.Keys.ToArray());
        var columns = TypeBinder.BindColumns(model.Columns, _diagnostics);
        var allTyped = columns.All(c => c.Type.Category != TypeCategory.Unknown);
        if (!materializedOk || !scopeOk)
        {
            return null;
        }

        var materialized = Materializations[model.Materialized.Value];
        var scope = Scopes[model.Scope.Value];
        var shapeOk = ModelShapeRules.Check(model, materialized, scope, columns, _diagnostics);
        var canonicalOk = CanonicalBinder.Bind(model, columns, _diagnostics, out var canonicalTable);
        var scheduleOk = ScheduleBinder.Bind(model, materialized, scope, canonicalTable, _diagnostics, out var schedule);

        var mappings = new List<BoundSourceMapping>();
        foreach (var mapping in model.From)
        {
            var bound = BindMapping(model, columns, mapping);
            if (bound is not null)
            {
                mappings.Add(bound);
            }
        }

        var sql = model.Sql is { } text ? SqlBodyParser.Parse(model, text, _catalog, _attributes, _diagnostics) : null;
        var keys = model.Keys is { } written ? TableKeysBinder.Bind(model, written, _catalog, _diagnostics) : null;
        var seed = model.Seed is { } seedPath && materialized == Materialization.Table
            ? SeedBinder.Bind(model, seedPath, scope, columns, SeedKey(keys), _seedFiles, _diagnostics)
            : null;
        var tests = DataTestBinder.Bind(model, columns, _catalog, _attributes, _diagnostics);
        if (tests is null || !shapeOk || !canonicalOk || !scheduleOk || !allTyped || mappings.Count != model.From.Count || columns.Count == 0
            || (model.Sql is not null && sql is null) || (model.Keys is not null && keys is null) || (model.Seed is not null && seed is null))
        {
            return null;
        }

        var dependsOn = (sql?.Parts.Where(p => p.Reference is not null).Select(p => p.Reference!.Model) ?? Enumerable.Empty<string>())
            .Concat(keys?.ForeignKeys.Select(f => f.References) ?? Enumerable.Empty<string>())
            .Where(name => name != model.Name.Value)
            .Distinct()
            .OrderBy(name => name, System.StringComparer.Ordinal)
            .ToList();
        return new BoundModel(model.Name.Value, scope, materialized, columns, mappings, model.Canonical, model.Name.Location, sql, keys, dependsOn, seed, Description: model.Description, CanonicalTable: canonicalTable, Tests: tests.Count == 0 ? null : tests, Schedule: schedule);
    }

    /// <param name="tenantSource">A tenant's own shape of the source (its <c>overrides:</c> tables); null for the source as declared.</param>
    internal BoundSourceMapping? BindMapping(ModelSyntax model, IReadOnlyList<BoundColumn> columns, SourceMappingSyntax mapping, BoundSource? tenantSource = null)
    {
        BoundSource? declared = null;
        if (tenantSource is null && !_sources.TryGetValue(mapping.Source.Value, out declared))
        {
            _diagnostics.Report(DefinitionDiagnostics.UnknownSource, mapping.Source.Location, mapping.Source.Value,
                NameSuggestions.DidYouMean(mapping.Source.Value, _sources.Keys));
            return null;
        }

        var source = tenantSource ?? declared!;
        var table = Table(source, mapping.Table);
        var joins = new List<BoundJoin>();
        foreach (var join in mapping.Joins)
        {
            var joined = Table(source, join.Table);
            var kindOk = OneOf(join.Kind, "join type", JoinKinds);
            var on = SqlPlaceholders.Rewrite(join.On, "join condition", perTenant: true, referencesAllowed: false, _attributes, _diagnostics);
            if (joined is not null && kindOk && on is not null)
            {
                joins.Add(new BoundJoin(joined, on, join.Kind.Value));
            }
        }

        if (table is null || joins.Count != mapping.Joins.Count)
        {
            return null;
        }

        var resolver = new MappingReferenceResolver(source.Name, table, joins.Select(j => j.Table), _diagnostics);
        foreach (var join in mapping.Joins)
        {
            resolver.CheckCondition(join.On);
        }

        var byTarget = new Dictionary<string, BoundColumnMapping>(System.StringComparer.Ordinal);
        var ok = true;
        foreach (var column in mapping.Columns)
        {
            var target = columns.FirstOrDefault(c => c.Name == column.Column.Value);
            var bound = BindColumnMapping(column, target, resolver);
            if (target is null)
            {
                _diagnostics.Report(DefinitionDiagnostics.UnknownModelColumn, column.Column.Location, model.Name.Value, column.Column.Value,
                    NameSuggestions.DidYouMean(column.Column.Value, columns.Select(c => c.Name)));
                ok = false;
                continue;
            }

            if (bound is null)
            {
                ok = false;
                continue;
            }

            byTarget[target.Name] = bound;
        }

        foreach (var column in columns.Where(c => mapping.Columns.All(m => m.Column.Value != c.Name)))
        {
            _diagnostics.Report(DefinitionDiagnostics.UnmappedColumn, mapping.Source.Location, model.Name.Value, column.Name, source.Name);
            ok = false;
        }

        return ok ? new BoundSourceMapping(source, table, joins, columns.Select(c => byTarget[c.Name]).ToList()) : null;
    }

    /// <summary>The key a seed upserts on: the primary key, else the first unique key.</summary>
    private static IReadOnlyList<string>? SeedKey(BoundTableKeys? keys) =>
        keys is null ? null : keys.PrimaryKey.Count > 0 ? keys.PrimaryKey : keys.Unique.FirstOrDefault();

    private BoundColumnMapping? BindColumnMapping(ColumnMappingSyntax column, BoundColumn? target, MappingReferenceResolver resolver)
    {
        int? round = null;
        if (column.Round is { } written)
        {
            if (!int.TryParse(written.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var places) || places > 1000)
            {
                _diagnostics.Report(DefinitionDiagnostics.InvalidValue, written.Location, written.Value, "round", "a number of decimal places from 0 to 1000");
                return null;
            }

            if (target is not null && target.Type.Category is not (TypeCategory.Numeric or TypeCategory.Float or TypeCategory.Integer or TypeCategory.Unknown))
            {
                _diagnostics.Report(DefinitionDiagnostics.InvalidValue, written.Location, written.Value, "round",
                    $"no rounding: column '{target.Name}' is {target.Type.SqlName}, and only numeric columns round");
                return null;
            }

            round = places;
        }

        if (column.Expression is { } expression)
        {
            var rewritten = SqlPlaceholders.Rewrite(expression, "expr", perTenant: true, referencesAllowed: false, _attributes, _diagnostics);
            return rewritten is not null && resolver.CheckExpression(expression with { Value = rewritten }) && target is not null
                ? new BoundColumnMapping(target, null, null, rewritten, round)
                : null;
        }

        if (column.Reference is not { } reference)
        {
            return target is null ? null : new BoundColumnMapping(target, null, null, null, round);
        }

        var resolved = resolver.Resolve(reference);
        if (resolved is null || target is null)
        {
            return null;
        }

        var (alias, sourceColumn) = resolved.Value;
        var castTo = round is null ? target.Type : PostgresTypes.Numeric;
        if (!PostgresTypes.CanCast(sourceColumn.Type, castTo))
        {
            _diagnostics.Report(DefinitionDiagnostics.IncompatibleMapping, reference.Location, target.Name, castTo.SqlName,
                reference.Value, sourceColumn.Type.SqlName);
            return null;
        }

        return new BoundColumnMapping(target, alias, sourceColumn, null, round);
    }

    private BoundTable? Table(BoundSource source, Located<string> name)
    {
        if (source.Tables.TryGetValue(name.Value, out var table))
        {
            return table;
        }

        _diagnostics.Report(DefinitionDiagnostics.UnknownSourceTable, name.Location, source.Name, name.Value,
            NameSuggestions.DidYouMean(name.Value, source.Tables.Keys));
        return null;
    }

    private bool OneOf(Located<string> value, string key, IReadOnlyList<string> allowed)
    {
        if (allowed.Contains(value.Value))
        {
            return true;
        }

        _diagnostics.Report(DefinitionDiagnostics.InvalidValue, value.Location, value.Value, key, "one of " + string.Join(", ", allowed.ToArray()));
        return false;
    }
}
