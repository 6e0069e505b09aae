using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// The <c>{{ … }}</c> placeholders of SQL a user writes (a model's <c>sql:</c>, a mapping's <c>expr:</c>, a join
/// condition): <c>{{ tenant }}</c>, with any whitespace inside the braces, becomes the artefact templates' tenant
/// placeholder, which the runner replaces with the tenant id; <c>{{ tier }}</c> and <c>{{ attr('name') }}</c> become
/// the <see cref="TenantValues"/> placeholders, which it replaces with the tenant's value as a typed constant;
/// <c>{{ ref('model') }}</c> is left to <see cref="SqlBodyParser"/> where references are allowed. Any other <c>{{</c>,
/// in string literals too, is an error (TM1093): left as text, a misspelt placeholder would reach the database silently.
/// </summary>
internal static class SqlPlaceholders
{
    public const string TenantName = "tenant";

    /// <summary><c>attr(</c> and its argument, whatever it is: an argument that is not one quoted name is reported, not misread.</summary>
    private static readonly Regex Attribute = new(@"^attr\s*\((.*)\)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex QuotedName = new(@"^(?:'([^']*)'|""([^""]*)"")$", RegexOptions.CultureInvariant);

    private static readonly Regex Reference = new(@"^ref\s*\(", RegexOptions.CultureInvariant);

    /// <summary>An unclosed <c>{{</c> and what follows it up to a space or quote, to show where it is.</summary>
    private static readonly Regex Unclosed = new(@"\{\{[^\s'""]{0,30}", RegexOptions.CultureInvariant);

    /// <param name="where">What the text is, for messages: <c>sql of model 'x'</c>, <c>expr</c>, <c>join condition</c>.</param>
    /// <param name="perTenant">Whether the text becomes one object per tenant (a shared model's has no tenant id).</param>
    /// <param name="referencesAllowed">Whether <c>{{ ref(…) }}</c> may appear (in a model's <c>sql:</c>).</param>
    /// <param name="attributes">The attributes tenants.yaml declares, for <c>{{ attr('name') }}</c>; null when the tenants are bound apart (any name passes).</param>
    /// <returns>The text with every tenant placeholder written as the template's, or null (with diagnostics).</returns>
    public static string? Rewrite(Located<string> text, string where, bool perTenant, bool referencesAllowed, IReadOnlyList<BoundColumn>? attributes, DiagnosticBag diagnostics)
    {
        if (text.Value.IndexOf("{{", System.StringComparison.Ordinal) < 0)
        {
            return text.Value;
        }

        // One pass with IndexOf, not a lazy regex: '{{' without '}}' would make a regex rescan the rest of the text
        // from every '{{', in time growing with the square of the text.
        var ok = true;
        var value = text.Value;
        var rewritten = new StringBuilder(value.Length);
        var position = 0;
        while (position < value.Length)
        {
            var open = value.IndexOf("{{", position, System.StringComparison.Ordinal);
            var close = open < 0 ? -1 : value.IndexOf("}}", open + 2, System.StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            rewritten.Append(value, position, open - position);
            position = close + 2;
            var written = value.Substring(open, position - open);
            var inside = written.Substring(2, written.Length - 4).Trim();
            var (template, problem) = TenantPlaceholder(inside, perTenant, attributes);
            if (template is not null)
            {
                rewritten.Append(template);
                continue;
            }

            rewritten.Append(written);
            if (problem is null && referencesAllowed && Reference.IsMatch(inside))
            {
                continue;
            }

            ok = false;
            diagnostics.Report(DefinitionDiagnostics.InvalidPlaceholder, text.Location, Abbreviated(written), where, problem ?? Expected(referencesAllowed));
        }

        rewritten.Append(value, position, value.Length - position);
        var unclosed = value.IndexOf("{{", position, System.StringComparison.Ordinal);
        if (unclosed >= 0)
        {
            ok = false;
            diagnostics.Report(DefinitionDiagnostics.InvalidPlaceholder, text.Location, Unclosed.Match(value, unclosed).Value, where,
                "'{{' opens a placeholder that no '}}' closes; " + Expected(referencesAllowed));
        }

        return ok ? rewritten.ToString() : null;
    }

    /// <returns>The template placeholder for a tenant's id or value; else null, with why when it is one of them misused.</returns>
    private static (string? Template, string? Problem) TenantPlaceholder(string inside, bool perTenant, IReadOnlyList<BoundColumn>? attributes)
    {
        var attribute = Attribute.Match(inside);
        if (inside != TenantName && inside != TenantValues.TierKey && !attribute.Success)
        {
            return (null, null);
        }

        if (!perTenant)
        {
            return (null, $"the model is shared, one object for all tenants, so there is no one tenant's {(inside == TenantName ? "id" : "value")} to put there ({{{{ {(attribute.Success ? "attr(…)" : inside)} }}}} works in per-tenant models)");
        }

        if (!attribute.Success)
        {
            return (inside == TenantName ? ArtefactTemplate.TenantPlaceholder : TenantValues.PlaceholderOf(TenantValues.TierKey), null);
        }

        var quoted = QuotedName.Match(attribute.Groups[1].Value.Trim());
        if (!quoted.Success)
        {
            return (null, "attr() takes the attribute's name as one quoted literal, e.g. {{ attr('region') }}: the value is a constant of each tenant, not an expression");
        }

        var name = quoted.Groups[1].Success ? quoted.Groups[1].Value : quoted.Groups[2].Value;
        if (IdentifierRules.HasNameShape(name) && (attributes is null || attributes.Any(a => a.Name == name)))
        {
            return (TenantValues.PlaceholderOf(TenantValues.AttributeKey(name)), null);
        }

        attributes ??= new BoundColumn[0];

        return (null, attributes.Count == 0
            ? $"tenants.yaml declares no attributes, so there is no attribute '{name}' (declare it under 'attributes:' at the top of tenants.yaml)"
            : $"tenants.yaml declares no attribute '{name}'{NameSuggestions.DidYouMean(name, attributes.Select(a => a.Name))}; it declares: {string.Join(", ", attributes.Select(a => a.Name).ToArray())}");
    }

    private static string Expected(bool referencesAllowed) =>
        (referencesAllowed
            ? "placeholders are {{ tenant }} (the tenant id), {{ tier }}, {{ attr('name') }} (the tenant's tier and attributes, as typed constants) and {{ ref('model') }}"
            : "placeholders here are {{ tenant }} (the tenant id), {{ tier }} and {{ attr('name') }} (the tenant's tier and attributes, as typed constants)")
        + "; to write '{{' itself, e.g. in an array literal, put a space between the braces";

    private static string Abbreviated(string text)
    {
        var oneLine = Regex.Replace(text, @"\s+", " ");
        return oneLine.Length <= 40 ? oneLine : oneLine.Substring(0, 37) + "...";
    }
}
