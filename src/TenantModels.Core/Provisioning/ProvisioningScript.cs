using System;
using System.Collections.Generic;
using System.Text;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Provisioning;

/// <summary>
/// The application's own statements for a signup (e.g. the tenant's owner user), run in the provisioning transaction
/// so a failure leaves nothing of the tenant. <c>{{tenant}}</c> is the tenant id; variables follow psql:
/// <c>:'name'</c> is the value as a string literal and <c>:"name"</c> as an identifier, both quoted here, so a value
/// can never become SQL. Nothing is substituted inside literals, quoted identifiers or comments.
/// </summary>
public static class ProvisioningScript
{
    /// <returns>The SQL to run; null when <paramref name="errors"/> says why not.</returns>
    public static string? Prepare(string text, string tenantId, IReadOnlyDictionary<string, string> variables, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var sql = new StringBuilder(text.Length);
        var expanded = ArtefactTemplate.Expand(text, tenantId);
        var i = 0;
        while (i < expanded.Length)
        {
            var c = expanded[i];
            if (c == ':' && i + 1 < expanded.Length && (expanded[i + 1] == '\'' || expanded[i + 1] == '"') && (i == 0 || expanded[i - 1] != ':'))
            {
                var quote = expanded[i + 1];
                var end = expanded.IndexOf(quote, i + 2);
                var name = end < 0 ? null : expanded.Substring(i + 2, end - i - 2);
                if (name is not null && Naming.IdentifierRules.HasNameShape(name))
                {
                    if (variables.TryGetValue(name, out var value))
                    {
                        sql.Append(quote == '\'' ? SqlWriter.QuoteLiteral(value) : SqlWriter.QuoteIdentifier(value));
                    }
                    else
                    {
                        problems.Add($"variable '{name}' is used but not given (--var {name}=...)");
                    }

                    i = end + 1;
                    continue;
                }
            }

            var skipped = SkipQuotedOrComment(expanded, i);
            sql.Append(expanded, i, skipped - i);
            i = skipped;
        }

        errors = problems;
        return problems.Count == 0 ? sql.ToString() : null;
    }

    /// <summary>The index after a literal, quoted identifier, dollar-quoted string or comment starting at <paramref name="i"/>; i + 1 otherwise.</summary>
    private static int SkipQuotedOrComment(string text, int i)
    {
        switch (text[i])
        {
            case '\'':
            case '"':
                var quote = text[i];
                var j = i + 1;
                while (j < text.Length)
                {
                    if (text[j] == quote)
                    {
                        if (j + 1 < text.Length && text[j + 1] == quote)
                        {
                            j += 2;
                            continue;
                        }

                        return j + 1;
                    }

                    j++;
                }

                return text.Length;
            case '-' when i + 1 < text.Length && text[i + 1] == '-':
                var eol = text.IndexOf('\n', i);
                return eol < 0 ? text.Length : eol;
            case '/' when i + 1 < text.Length && text[i + 1] == '*':
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                return close < 0 ? text.Length : close + 2;
            case '$':
                var tagEnd = text.IndexOf('$', i + 1);
                if (tagEnd > i && IsDollarTag(text, i + 1, tagEnd))
                {
                    var tag = text.Substring(i, tagEnd - i + 1);
                    var bodyEnd = text.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
                    return bodyEnd < 0 ? text.Length : bodyEnd + tag.Length;
                }

                return i + 1;
            default:
                return i + 1;
        }
    }

    private static bool IsDollarTag(string text, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (!(char.IsLetterOrDigit(text[k]) || text[k] == '_') || (k == start && char.IsDigit(text[k])))
            {
                return false;
            }
        }

        return true;
    }
}
