using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The per-tenant values the manifest carries: only those the compiled SQL uses (<c>{{ tier }}</c>,
/// <c>{{ attr('name') }}</c>), so a change to an attribute no SQL reads changes no artefact, no checksum and no plan.
/// </summary>
internal static class TenantValueCompiler
{
    /// <summary>The tier is free text in tenants.yaml.</summary>
    private const string TierType = "text";

    /// <param name="testSql">The data tests' queries, which the runner expands for a tenant like an artefact.</param>
    public static IReadOnlyList<TenantValueDeclaration> Declare(BoundProject project, IEnumerable<CompiledArtefact> artefacts, IEnumerable<string>? testSql = null)
    {
        var defaults = project.TenantDefaults ?? BoundTenantDefaults.None;
        return artefacts
            .Where(a => a.Kind != ArtefactKind.Seed) // data, never placeholders (see ArtefactTemplate.ExpandFor)
            .Select(a => a.Sql)
            .Concat(testSql ?? Enumerable.Empty<string>())
            .SelectMany(TenantValues.KeysIn)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(k => k, StringComparer.Ordinal)
            .Select(key => key == TenantValues.TierKey
                ? new TenantValueDeclaration(key, TierType, true, defaults.Tier)
                : Attribute(defaults.Attributes.First(a => TenantValues.AttributeKey(a.Name) == key)))
            .ToList();
    }

    /// <returns>The tenant's value of each declaration, or null when there are none.</returns>
    public static IReadOnlyList<TenantValue>? ValuesOf(BoundTenant tenant, IReadOnlyList<TenantValueDeclaration> declarations) =>
        declarations.Count == 0
            ? null
            : declarations.Select(d => new TenantValue(d.Key, d.Type, d.Key == TenantValues.TierKey
                ? tenant.Tier
                : tenant.Attributes.First(a => TenantValues.AttributeKey(a.Name) == d.Key).Value)).ToList();

    private static TenantValueDeclaration Attribute(BoundAttribute declared) =>
        new(TenantValues.AttributeKey(declared.Name), declared.Type.SqlName, declared.Nullable, declared.Value);
}
