using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// Splits a model's SQL into text and <c>{{ ref('model') }}</c> / <c>{{ ref('model', 'source') }}</c> references
/// (after <see cref="SqlPlaceholders"/> has checked every <c>{{ … }}</c> and written <c>{{ tenant }}</c> as the template placeholder),
/// and checks each reference: the model exists, scopes are compatible (a shared model sees only shared models),
/// and a model built from several sources is referenced with the source.
/// </summary>
internal static class SqlBodyParser
{
    private static readonly Regex Reference = new(
        @"\{\{\s*ref\(\s*['""]([^'""]*)['""]\s*(?:,\s*['""]([^'""]*)['""]\s*)?\)\s*\}\}", RegexOptions.CultureInvariant);

    private static readonly Regex StringLiteral = new("'(?:[^']|'')*'", RegexOptions.CultureInvariant);

    public static BoundSql? Parse(ModelSyntax model, Located<string> sql, ModelCatalog catalog, IReadOnlyList<BoundColumn>? attributes, DiagnosticBag diagnostics)
    {
        var text = SqlPlaceholders.Rewrite(sql, $"the sql of model '{model.Name.Value}'", model.Scope.Value != "shared", referencesAllowed: true, attributes, diagnostics);
        if (text is null)
        {
            return null;
        }

        var withoutLiterals = StringLiteral.Replace(Reference.Replace(TenantValues.WithoutPlaceholders(text.Replace(ArtefactTemplate.TenantPlaceholder, "x"), "x"), "x"), " ");
        if (withoutLiterals.Contains(";") || withoutLiterals.Contains("{{"))
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidValue, sql.Location, Abbreviated(sql.Value), "sql",
                "one SELECT statement, without ';', whose only {{ }} expressions are ref('model') or ref('model', 'source')");
            return null;
        }

        var parts = new List<SqlPart>();
        var sources = new HashSet<string>();
        var ok = true;
        var position = 0;
        foreach (Match match in Reference.Matches(text))
        {
            parts.Add(new SqlPart(text.Substring(position, match.Index - position), null));
            position = match.Index + match.Length;
            var reference = Check(model, match, sql.Location, catalog, diagnostics);
            if (reference is null)
            {
                ok = false;
                continue;
            }

            parts.Add(new SqlPart(match.Value, reference));
            if (reference.Source is not null)
            {
                sources.Add(reference.Source);
            }
        }

        parts.Add(new SqlPart(text.Substring(position), null));
        if (sources.Count > 1)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidReference, sql.Location, $"model '{model.Name.Value}'", string.Join("', '", sources.OrderBy(s => s)),
                "one model's SQL may read the staging views of one source only, since it exists only for tenants that have that source");
            ok = false;
        }

        return ok ? new BoundSql(parts, sources.SingleOrDefault(), model.SqlBodyAt) : null;
    }

    private static ModelReference? Check(ModelSyntax model, Match match, SourceLocation at, ModelCatalog catalog, DiagnosticBag diagnostics)
    {
        var name = match.Groups[1].Value;
        var source = match.Groups[2].Success ? match.Groups[2].Value : null;
        var target = catalog.Find(name);
        var who = $"model '{model.Name.Value}'";
        if (target is null)
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownModelReference, at, match.Value, NameSuggestions.DidYouMean(name, catalog.Names));
            return null;
        }

        if (model.Scope.Value == "shared" && target.Scope.Value != "shared")
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidReference, at, who, name, "a shared model can only reference shared models");
            return null;
        }

        var targetSources = target.From.Select(f => f.Source.Value).ToList();
        if (targetSources.Count == 0)
        {
            if (source is null)
            {
                return new ModelReference(name, null);
            }

            diagnostics.Report(DefinitionDiagnostics.InvalidReference, at, who, name, $"it is not built from sources, so write ref('{name}') without '{source}'");
            return null;
        }

        if (source is null && targetSources.Count == 1)
        {
            return new ModelReference(name, targetSources[0]);
        }

        if (source is null || !targetSources.Contains(source))
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidReference, at, who, name,
                $"it is built from sources {string.Join(", ", targetSources)}; name one, as ref('{name}', '{targetSources[0]}')");
            return null;
        }

        return new ModelReference(name, source);
    }

    private static string Abbreviated(string sql)
    {
        var oneLine = Regex.Replace(sql.Trim(), @"\s+", " ");
        return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
    }
}
