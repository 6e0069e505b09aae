using System;
using TenantModels.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Where the first line of a model's <c>sql:</c> body (as the compiler writes it: leading empty lines dropped) sits in the
/// YAML, and at which column each of its lines starts, so an error PostgreSQL reports in that SQL can be located at the
/// YAML line and column. Only for the scalars whose lines map one to one onto the YAML's: a literal block (<c>sql: |</c>)
/// and a value on one line; a folded block or a quoted value spanning lines gets none (the error is then located at the
/// model). Each result is checked against the file's text, so an escape or a tab never yields a wrong position.
/// </summary>
internal static class SqlBodyStart
{
    public static SourceLocation? Of(string path, YamlNode? node, string? text)
    {
        if (text is null || node is not YamlScalarNode scalar || scalar.Value is not { Length: > 0 } value || scalar.Start.Line <= 0)
        {
            return null;
        }

        var lines = text.Split('\n');
        var line = (int)scalar.Start.Line;
        if (scalar.Style == ScalarStyle.Literal)
        {
            // The header (`|`, `|-`, `|2`) is on the node's first line; the content starts on the next, after any empty lines.
            var leading = value.Length - value.TrimStart('\n').Length;
            var first = value.TrimStart('\n');
            var firstLine = first.Split('\n')[0];
            var at = line + 1 + leading;
            if (at > lines.Length || firstLine.Length == 0)
            {
                return null;
            }

            var yamlLine = lines[at - 1].TrimEnd('\r');
            var indentation = yamlLine.Length - yamlLine.TrimStart(' ').Length;
            return string.CompareOrdinal(yamlLine, indentation, firstLine, 0, firstLine.Length) == 0 && yamlLine.Length - indentation >= firstLine.Length
                ? new SourceLocation(path, at, indentation + 1)
                : null;
        }

        if (scalar.Style == ScalarStyle.Folded || value.IndexOf('\n') >= 0 || line > lines.Length)
        {
            return null;
        }

        // A value on one line: plain, or quoted (its text starts one column after the quote).
        var column = (int)scalar.Start.Column + (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0);
        var source = lines[line - 1].TrimEnd('\r');
        return column >= 1 && source.Length - (column - 1) >= value.Length && string.CompareOrdinal(source, column - 1, value, 0, value.Length) == 0
            ? new SourceLocation(path, line, column)
            : null;
    }
}
