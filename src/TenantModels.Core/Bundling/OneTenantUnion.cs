using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TenantModels.Core.Bundling;

/// <summary>
/// A per-source template (a canonical partition, its refresh) cut once at its placeholders, then written for each tenant
/// straight to deploy.sql: exactly <c>ArtefactTemplate.ExpandFor(...).TrimEnd('\n')</c> for a template without tenant
/// values, without the three strings per tenant that path builds (at 10,000 tenants × 10 models, 100,000 instances).
/// </summary>
internal sealed class OneTenantUnion
{
    private readonly string[] _header;
    private readonly IReadOnlyList<(string Key, string[] Parts)> _branches;
    private readonly string[] _empty;
    private readonly string[]? _footer;

    private OneTenantUnion(UnionTemplate union)
    {
        _header = ArtefactTemplate.Split(union.Header);
        _branches = union.Branches.Select(b => (b.Key, ArtefactTemplate.Split(b.Value))).ToList();
        _empty = ArtefactTemplate.Split(union.Empty);
        _footer = union.Footer.Length > 0 ? ArtefactTemplate.Split(union.Footer) : null;
    }

    /// <returns>Null when the template needs the string path: tenant values to substitute, or a footer ending in a line break.</returns>
    public static OneTenantUnion? TryCreate(string template)
    {
        if (TenantValues.Occur(template))
        {
            return null;
        }

        var union = UnionTemplate.Parse(template);
        return union.Footer.EndsWith("\n", System.StringComparison.Ordinal) ? null : new OneTenantUnion(union);
    }

    /// <returns>False, having written nothing, when the tenant has more branches than one flat UNION ALL chain holds.</returns>
    public bool TryWrite(TextWriter writer, BundleTenant tenant)
    {
        var branches = tenant.Enabled
            ? _branches.Where(b => UnionTemplate.Covers(b.Key, tenant)).ToList()
            : new List<(string Key, string[] Parts)>();
        if (branches.Count > UnionTemplate.FanOut)
        {
            return false;
        }

        ArtefactTemplate.WriteExpanded(writer, _header, tenant.Id);
        writer.Write('\n');
        if (branches.Count == 0)
        {
            ArtefactTemplate.WriteExpanded(writer, _empty, tenant.Id);
        }

        for (var i = 0; i < branches.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(UnionTemplate.Separator);
            }

            ArtefactTemplate.WriteExpanded(writer, branches[i].Parts, tenant.Id);
        }

        writer.Write(';');
        if (_footer is not null)
        {
            writer.Write('\n');
            ArtefactTemplate.WriteExpanded(writer, _footer, tenant.Id);
        }

        return true;
    }
}
