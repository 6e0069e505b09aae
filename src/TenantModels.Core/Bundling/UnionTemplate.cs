using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace TenantModels.Core.Bundling;

/// <summary>
/// A statement over every enabled tenant (a canonical UNION ALL view), stored as a template so the runner can
/// re-expand it for whatever tenants exist — including ones provisioned at run time — and so the bundle does not
/// grow with tenants × models. Text form, one section per marker line:
/// <code>
/// --@ header
/// CREATE OR REPLACE VIEW ... AS
/// --@ branch outreach
/// SELECT ..., CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_outreach"."call"
/// --@ empty
/// SELECT CAST(NULL AS bigint) AS "call_id", ... WHERE false
/// </code>
/// Branches join with <c>UNION ALL</c> in tenant order, then source order; no tenant gives the empty form. Past
/// <see cref="FanOut"/> branches the expansion nests them in parenthesised groups (a balanced tree of UNION ALL) so
/// that PostgreSQL can parse it at any tenant count; the view's columns are those of the first branch either way.
/// </summary>
/// <remarks>An optional <c>--@ footer</c> section holds statements run after the view (ownership, grants); it is written only when non-empty.</remarks>
public sealed record UnionTemplate(string Header, IReadOnlyList<KeyValuePair<string, string>> Branches, string Empty, string Footer = "")
{
    /// <summary>
    /// Branches per UNION ALL chain before the expansion nests (see <see cref="WriteGroup"/>). Any value far below the
    /// flat limit works; 64 keeps every union of up to 64 branches flat (as it always was) and reaches 4,096 branches
    /// with one level of parentheses and 262,144 with two: the parser then recurses at most 64 times per level (192 in all).
    /// </summary>
    public const int FanOut = 64;

    private const string Marker = "--@ ";
    internal const string Separator = "\nUNION ALL\n";

    /// <summary>The branch key of a model every tenant has (not built from sources).</summary>
    public const string EveryTenant = "*";

    public string Write()
    {
        var text = new StringBuilder();
        Section(text, "header", Header);
        foreach (var branch in Branches)
        {
            Section(text, "branch " + branch.Key, branch.Value);
        }

        Section(text, "empty", Empty);
        if (Footer.Length > 0)
        {
            Section(text, "footer", Footer.TrimEnd('\n'));
        }

        return text.ToString();
    }

    /// <summary>Whether the branch keyed <paramref name="branchKey"/> reads for <paramref name="tenant"/>: a source it has, or every tenant.</summary>
    internal static bool Covers(string branchKey, BundleTenant tenant) => branchKey == EveryTenant || tenant.Sources.Contains(branchKey);

    public string Expand(IEnumerable<BundleTenant> tenants)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteExpanded(writer, tenants);
        return writer.ToString();
    }

    /// <summary>Writes what <see cref="Expand"/> returns without building it: over thousands of tenants it is megabytes.</summary>
    public void WriteExpanded(TextWriter writer, IEnumerable<BundleTenant> tenants)
    {
        var parts = Branches.Select(b => (b.Key, Parts: ArtefactTemplate.Split(b.Value))).ToList();
        var branches = new List<(string TenantId, string[] Parts)>();
        foreach (var tenant in tenants.Where(t => t.Enabled))
        {
            branches.AddRange(parts
                .Where(b => Covers(b.Key, tenant))
                .Select(b => (tenant.Id, b.Parts)));
        }

        writer.Write(Header);
        writer.Write('\n');
        if (branches.Count == 0)
        {
            writer.Write(Empty);
        }
        else
        {
            WriteGroup(writer, branches, 0, branches.Count);
        }

        writer.Write(";\n");
        if (Footer.Length > 0)
        {
            writer.Write(Footer);
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Branches [start, start + count) joined with UNION ALL: flat up to <see cref="FanOut"/> branches, otherwise at
    /// most <see cref="FanOut"/> parenthesised groups of <see cref="FanOut"/>^k consecutive branches each, recursively.
    /// PostgreSQL's parser recurses once per UNION ALL of a chain (a flat one fails with "stack depth limit exceeded"
    /// past about 7,000 branches); this way the chains it walks are never longer than FanOut per nesting level.
    /// </summary>
    private static void WriteGroup(TextWriter writer, List<(string TenantId, string[] Parts)> branches, int start, int count)
    {
        if (count <= FanOut)
        {
            for (var i = start; i < start + count; i++)
            {
                if (i > start)
                {
                    writer.Write(Separator);
                }

                ArtefactTemplate.WriteExpanded(writer, branches[i].Parts, branches[i].TenantId);
            }

            return;
        }

        var span = GroupSpan(count);
        for (var groupStart = start; groupStart < start + count; groupStart += span)
        {
            if (groupStart > start)
            {
                writer.Write(Separator);
            }

            var groupCount = Math.Min(span, start + count - groupStart);
            if (groupCount == 1)
            {
                ArtefactTemplate.WriteExpanded(writer, branches[groupStart].Parts, branches[groupStart].TenantId);
                continue;
            }

            writer.Write("(\n");
            WriteGroup(writer, branches, groupStart, groupCount);
            writer.Write("\n)");
        }
    }

    /// <summary>The branches per group for a union of <paramref name="count"/> &gt; FanOut branches: the largest power of FanOut that leaves at most FanOut groups.</summary>
    private static int GroupSpan(int count)
    {
        var span = FanOut;
        while ((long)span * FanOut < count)
        {
            span *= FanOut;
        }

        return span;
    }

    /// <exception cref="FormatException">The text is not in the section form above.</exception>
    public static UnionTemplate Parse(string text)
    {
        string? header = null;
        string? empty = null;
        var footer = string.Empty;
        var branches = new List<KeyValuePair<string, string>>();
        string? section = null;
        var body = new List<string>();

        void Flush()
        {
            if (section is null)
            {
                return;
            }

            var content = string.Join("\n", body.ToArray());
            if (section == "header")
            {
                header = content;
            }
            else if (section == "empty")
            {
                empty = content;
            }
            else if (section == "footer")
            {
                footer = content;
            }
            else if (section.StartsWith("branch ", StringComparison.Ordinal))
            {
                branches.Add(new KeyValuePair<string, string>(section.Substring("branch ".Length), content));
            }
            else
            {
                throw new FormatException($"unknown union template section '{section}'");
            }

            body.Clear();
        }

        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(Marker.Length);
            }
            else if (section is null)
            {
                throw new FormatException("a union template must start with a '--@ header' line");
            }
            else
            {
                body.Add(line);
            }
        }

        Flush();
        if (header is null || empty is null)
        {
            throw new FormatException("a union template needs a header and an empty section");
        }

        return new UnionTemplate(header, branches, empty, footer);
    }

    private static void Section(StringBuilder text, string name, string content) =>
        text.Append(Marker).Append(name).Append('\n').Append(content).Append('\n');
}
