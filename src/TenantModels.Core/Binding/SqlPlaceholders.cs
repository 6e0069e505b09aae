using System.Text;
using System.Text.RegularExpressions;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// The <c>{{ … }}</c> placeholders of SQL a user writes (a model's <c>sql:</c>, a mapping's <c>expr:</c>, a join
/// condition): <c>{{ tenant }}</c>, with any whitespace inside the braces, becomes the artefact templates' tenant
/// placeholder, which the runner replaces with the tenant id; <c>{{ ref('model') }}</c> is left to
/// <see cref="SqlBodyParser"/> where references are allowed. Any other <c>{{</c>, in string literals too, is an error
/// (TM1093): left as text, a misspelt placeholder would reach the database silently.
/// </summary>
internal static class SqlPlaceholders
{
    public const string TenantName = "tenant";

    private static readonly Regex Reference = new(@"^ref\s*\(", RegexOptions.CultureInvariant);

    /// <summary>An unclosed <c>{{</c> and what follows it up to a space or quote, to show where it is.</summary>
    private static readonly Regex Unclosed = new(@"\{\{[^\s'""]{0,30}", RegexOptions.CultureInvariant);

    /// <param name="where">What the text is, for messages: <c>sql of model 'x'</c>, <c>expr</c>, <c>join condition</c>.</param>
    /// <param name="perTenant">Whether the text becomes one object per tenant (a shared model's has no tenant id).</param>
    /// <param name="referencesAllowed">Whether <c>{{ ref(…) }}</c> may appear (in a model's <c>sql:</c>).</param>
    /// <returns>The text with every <c>{{ tenant }}</c> written as the template placeholder, or null (with diagnostics).</returns>
    public static string? Rewrite(Located<string> text, string where, bool perTenant, bool referencesAllowed, DiagnosticBag diagnostics)
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
            if (inside == TenantName && perTenant)
            {
                rewritten.Append(ArtefactTemplate.TenantPlaceholder);
                continue;
            }

            rewritten.Append(written);
            if (referencesAllowed && Reference.IsMatch(inside))
            {
                continue;
            }

            ok = false;
            diagnostics.Report(DefinitionDiagnostics.InvalidPlaceholder, text.Location, Abbreviated(written), where,
                inside == TenantName
                    ? "the model is shared, one object for all tenants, so there is no tenant id to put there ({{ tenant }} works in per-tenant models)"
                    : Expected(referencesAllowed));
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

    private static string Expected(bool referencesAllowed) =>
        (referencesAllowed ? "placeholders are {{ tenant }} (the tenant id) and {{ ref('model') }}" : "the placeholder here is {{ tenant }} (the tenant id)")
        + "; to write '{{' itself, e.g. in an array literal, put a space between the braces";

    private static string Abbreviated(string text)
    {
        var oneLine = Regex.Replace(text, @"\s+", " ");
        return oneLine.Length <= 40 ? oneLine : oneLine.Substring(0, 37) + "...";
    }
}
