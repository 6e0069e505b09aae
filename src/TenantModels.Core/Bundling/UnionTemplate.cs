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
/// Branches join with <c>UNION ALL</c> in tenant order, then source order; no tenant gives the empty form.
/// </summary>
/// <remarks>An optional <c>--@ footer</c> section holds statements run after the view (ownership, grants); it is written only when non-empty.</remarks>
public sealed record UnionTemplate(string Header, IReadOnlyList<KeyValuePair<string, string>> Branches, string Empty, string Footer = "")
{
    private const string Marker = "--@ ";

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

    public string Expand(IEnumerable<BundleTenant> tenants)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteExpanded(writer, tenants);
        return writer.ToString();
    }

    /// <summary>Writes what <see cref="Expand"/> returns without building it: over thousands of tenants it is megabytes.</summary>
    public void WriteExpanded(TextWriter writer, IEnumerable<BundleTenant> tenants)
    {
        var branches = Branches.Select(b => (b.Key, Parts: ArtefactTemplate.Split(b.Value))).ToList();
        writer.Write(Header);
        writer.Write('\n');
        var first = true;
        foreach (var tenant in tenants.Where(t => t.Enabled))
        {
            foreach (var branch in branches.Where(b => b.Key == EveryTenant || tenant.Sources.Contains(b.Key)))
            {
                if (!first)
                {
                    writer.Write("\nUNION ALL\n");
                }

                first = false;
                ArtefactTemplate.WriteExpanded(writer, branch.Parts, tenant.Id);
            }
        }

        if (first)
        {
            writer.Write(Empty);
        }

        writer.Write(";\n");
        if (Footer.Length > 0)
        {
            writer.Write(Footer);
            writer.Write('\n');
        }
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
