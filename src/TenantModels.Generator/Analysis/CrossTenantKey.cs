using System;
using System.Linq;
using System.Text;
using TenantModels.Core.Binding;

namespace TenantModels.Generator.Analysis;

/// <summary>
/// The model side of a project (bound without tenants) compared only by what Core's compile-stage checks read from
/// it while expanding names per tenant: naming patterns, schemas, roles, which sources are staged, and the models'
/// shapes (scope, materialization, tables read, keys, references) with the canonical ones' positions. A model edit that
/// changes none of these (a column's type, a comment, a description) leaves the cross-tenant checks cached, so a
/// keystroke costs nothing per tenant.
/// </summary>
internal sealed class CrossTenantKey : IEquatable<CrossTenantKey>
{
    private readonly string _facts;

    private CrossTenantKey(string facts, BoundProject models)
    {
        _facts = facts;
        Models = models;
    }

    /// <summary>The bound model side, to check with the tenants.</summary>
    public BoundProject Models { get; }

    /// <remarks>Mirrors what <c>DerivedNameChecker</c> and <c>CanonicalViewSizeCheck</c> read besides the tenants; a fact missed here would leave a stale cross-tenant diagnostic, which the incremental diagnostics test compares with a full analysis.</remarks>
    public static CrossTenantKey Of(BoundProject project)
    {
        var facts = new StringBuilder()
            .Append("staging=").Append(project.StagingSchema.Pattern).Append('\n')
            .Append("tenant=").Append(project.TenantSchema.Pattern).Append('\n')
            .Append("database=").Append(project.DatabasePattern?.Pattern).Append('\n')
            .Append("canonical=").Append(project.CanonicalSchema).Append('\n')
            .Append("shared=").Append(project.SharedSchema).Append('\n')
            .Append("limit=").Append(project.CanonicalViewTenantLimit).Append('\n');
        foreach (var source in project.Sources.Values)
        {
            facts.Append("source ").Append(source.Name).Append(' ').Append(source.RawSchema.Pattern).Append('\n');
        }

        if (project.Security is { } security)
        {
            facts.Append("security ").Append(security.Owner).Append(' ').Append(security.Admin).Append(' ').Append(security.App).Append(' ')
                .Append(security.Schema).Append(' ').Append(security.Location).Append('\n');
            foreach (var role in security.TenantRoles)
            {
                facts.Append("role ").Append(role.Kind).Append(' ').Append(role.Pattern.Pattern).Append(' ').Append(role.Group).Append(' ').Append(role.Location).Append('\n');
            }
        }

        foreach (var model in project.Models)
        {
            // Every model counts for the staged sources and the tenant and shared schemas; canonical ones also for their
            // form and view sizes, and what a canonical view's branch reads (joins, indexes, referenced models) for the
            // relations one query on it locks. Columns, mappings of columns and descriptions are not read per tenant.
            facts.Append("model ").Append(model.Name).Append(' ').Append(model.Scope).Append(' ').Append(model.Materialized)
                .Append(" sources=").Append(string.Join(",", model.Mappings.Select(m =>
                    m.Source.Name + ":" + m.Table.Name + "+" + string.Join("+", m.Joins.Select(j => j.Table.Name)))))
                .Append(" sql=").Append(model.Sql?.Source)
                .Append(" refs=").Append(string.Join(",", model.Sql?.Parts.Select(p => p.Reference).OfType<ModelReference>()
                    .Select(r => r.Model + ":" + r.Source) ?? Enumerable.Empty<string>()))
                .Append(" keys=").Append(model.Keys is { } keys ? keys.PrimaryKey.Count + "/" + keys.Unique.Count + "/" + keys.Indexes.Count : "-");
            if (model.Canonical)
            {
                facts.Append(" canonical ").Append(model.CanonicalTable is null ? "view" : "table").Append(' ').Append(model.Location);
            }

            facts.Append('\n');
        }

        return new CrossTenantKey(facts.ToString(), project);
    }

    public bool Equals(CrossTenantKey? other) => other is not null && string.Equals(_facts, other._facts, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as CrossTenantKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_facts);
}
