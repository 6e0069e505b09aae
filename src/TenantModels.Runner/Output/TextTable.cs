using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TenantModels.Runner.Output;

/// <summary>
/// A plain-text table whose columns are as wide as their widest cell (header included), one space apart: nothing is
/// cut (a tenant id may be 63 characters), and the last column is not padded, so lines carry no trailing spaces.
/// </summary>
internal sealed class TextTable
{
    private readonly int[] _widths;
    private readonly bool[] _right;

    /// <param name="rightAligned">Indexes of the columns aligned right (numbers).</param>
    public TextTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        _widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < _widths.Length; i++)
            {
                _widths[i] = Math.Max(_widths[i], row[i].Length);
            }
        }

        _right = Enumerable.Range(0, _widths.Length).Select(rightAligned.Contains).ToArray();
        Header = Format(header);
    }

    public string Header { get; }

    public string Format(IReadOnlyList<string> cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(' ');
            }

            var last = i == cells.Count - 1;
            line.Append(_right[i] ? cells[i].PadLeft(_widths[i]) : last ? cells[i] : cells[i].PadRight(_widths[i]));
        }

        // An empty last cell (no failed tenants) would leave the separator behind.
        return line.ToString().TrimEnd(' ');
    }
}
