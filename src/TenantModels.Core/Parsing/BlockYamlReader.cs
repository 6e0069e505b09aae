using System.Collections.Generic;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Reads the plain block subset of YAML that definition files are written in — block mappings and sequences, one-line
/// plain and quoted scalars, one-line flow sequences and mappings of scalars, comments — into exactly the parsing events YamlDotNet's
/// <see cref="Parser"/> gives for the same text, marks included (BlockYamlReaderTests compares the two).
/// </summary>
/// <remarks>
/// Why: YamlDotNet's scanner reads about 1.5 MB a second, so a registry of 10,000 tenants (700 KB) cost half a second
/// of every build that touched it. This reader is a line scanner over the same text, an order of magnitude faster. It
/// answers null for anything outside its subset (anchors, tags, block scalars, multi-line scalars, flow mappings,
/// nested flow collections, escapes, empty values, document markers, tabs), and those files go to YamlDotNet: it never guesses.
/// </remarks>
internal sealed partial class BlockYamlReader
{
    private const int MaxSimpleKeyLength = 1024;

    private readonly string _text;
    private readonly List<ParsingEvent> _events = new();
    private readonly List<Open> _open = new();
    private int _lineStart;
    private int _lineEnd;
    private int _line;
    private int _pendingColumn = -1;
    private bool _started;

    private bool ReadLine(bool last)
    {
        for (var i = _lineStart; i < _lineEnd; i++)
        {
            if (_text[i] is '\t' or '\r')
            {
                return false;
            }
        }

        var at = _lineStart;
        while (at < _lineEnd && _text[at] == ' ')
        {
            at++;
        }

        if (at == _lineEnd || _text[at] == '#')
        {
            // A blank or comment line; as the text's last line without a break, YamlDotNet's end mark is not the usual one.
            return !last;
        }

        var column = at - _lineStart;
        if (column == 0 && (StartsWith(at, "---") || StartsWith(at, "...") || _text[at] == '%'))
        {
            return false;
        }

        var dash = IsDash(at);
        if (dash && at + 1 == _lineEnd)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (_emit)
            {
                _events.Add(new DocumentStart(null, null, isImplicit: true, MarkAt(at), MarkAt(at)));
            }

            OpenCollection(dash, column, at, indentless: false);
        }
        else if (_pendingColumn >= 0)
        {
            if (column > _pendingColumn)
            {
                OpenCollection(dash, column, at, indentless: false);
            }
            else if (column == _pendingColumn && dash)
            {
                OpenCollection(sequence: true, column, at, indentless: true);
            }
            else
            {
                return false;
            }

            _pendingColumn = -1;
        }
        else
        {
            Close(column, at, closeAll: false, _line, at - _lineStart + 1);
            if (_open.Count > 0 && Top is { IsSequence: true, Indentless: true } indentless && indentless.Column == column && !dash)
            {
                _open.RemoveAt(_open.Count - 1);
                if (_emit)
                {
                    _events.Add(new SequenceEnd(MarkAt(at), MarkAt(at)));
                }
            }

            if (_open.Count == 0 || Top.Column != column || Top.IsSequence != dash)
            {
                return false;
            }
        }

        return dash ? ReadItem(at) : ReadEntry(at);
    }

    /// <summary>A sequence item: "- value", "- [flow]" or "- key: value" (a mapping whose keys line up after the dash).</summary>
    private bool ReadItem(int dash)
    {
        var at = dash + 1;
        while (at < _lineEnd && _text[at] == ' ')
        {
            at++;
        }

        if (at == _lineEnd || _text[at] == '#' || IsDash(at))
        {
            return false;
        }

        if (KeyColon(at) is { } colon)
        {
            if (colon < 0)
            {
                return false;
            }

            OpenCollection(sequence: false, at - _lineStart, at, indentless: false);
            return ReadEntry(at);
        }

        return ReadValue(at);
    }

    /// <summary>"key: value", or "key:" with its value on the lines below.</summary>
    private bool ReadEntry(int at)
    {
        if (KeyColon(at) is not { } colon || colon < 0 || colon - at > MaxSimpleKeyLength || !IsPlainStart(at))
        {
            return false;
        }

        var keyEnd = colon;
        if (_text[keyEnd - 1] == ' ')
        {
            return false;
        }

        for (var i = at; i < keyEnd; i++)
        {
            if (_text[i] is '\'' or '"' or '[' or ']' or '{' or '}' or ',' or '#')
            {
                return false;
            }
        }

        if (_emit)
        {
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text.Substring(at, keyEnd - at), ScalarStyle.Plain, true, false, MarkAt(at), MarkAt(keyEnd), isKey: true));
        }

        var value = colon + 1;
        while (value < _lineEnd && _text[value] == ' ')
        {
            value++;
        }

        if (value == _lineEnd || (_text[value] == '#' && value > colon + 1))
        {
            _pendingColumn = at - _lineStart;
            return true;
        }

        return value > colon + 1 && ReadValue(value);
    }

    /// <summary>A value on the rest of the line: a quoted or plain scalar, or a flow sequence of scalars.</summary>
    private bool ReadValue(int at)
    {
        int end;
        switch (_text[at])
        {
            case '[' or '{':
                if (!ReadFlow(at, out end))
                {
                    return false;
                }

                break;
            case '"' or '\'':
                if (!ReadQuoted(at, out end))
                {
                    return false;
                }

                break;
            default:
                if (!IsPlainStart(at))
                {
                    return false;
                }

                end = at;
                var valueEnd = at;
                while (end < _lineEnd)
                {
                    var c = _text[end];
                    if (c == '#' && _text[end - 1] == ' ')
                    {
                        break;
                    }

                    if (c is '[' or ']' or '{' or '}' || (c == ':' && (end + 1 == _lineEnd || _text[end + 1] == ' ')))
                    {
                        return false;
                    }

                    if (c != ' ')
                    {
                        valueEnd = end + 1;
                    }

                    end++;
                }

                if (_emit)
                {
                    _events.Add(PlainScalar(at, valueEnd));
                }

                return true;
        }

        return RestIsComment(end);
    }

    /// <summary>A one-line flow sequence or mapping of scalars: "[a, 'b']", "{ key: value, other: \"x\" }".</summary>
    private bool ReadFlow(int open, out int end)
    {
        end = open;
        var mapping = _text[open] == '{';
        var close = mapping ? '}' : ']';
        if (_emit)
        {
            _events.Add(mapping
                ? new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, MarkAt(open), MarkAt(open))
                : new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, MarkAt(open), MarkAt(open)));
        }

        var at = SkipSpaces(open + 1);
        if (at < _lineEnd && _text[at] == close)
        {
            EmitEnd(mapping, at);
            end = at + 1;
            return true;
        }

        while (at < _lineEnd)
        {
            if (mapping)
            {
                if (!ReadFlowScalar(at, isKey: true, out var keyEnd) || keyEnd + 1 >= _lineEnd || _text[keyEnd] != ':' || _text[keyEnd + 1] != ' ')
                {
                    return false;
                }

                at = SkipSpaces(keyEnd + 1);
                if (at == _lineEnd)
                {
                    return false;
                }
            }

            if (!ReadFlowScalar(at, isKey: false, out var itemEnd))
            {
                return false;
            }

            at = SkipSpaces(itemEnd);
            if (at == _lineEnd)
            {
                return false;
            }

            if (_text[at] == close)
            {
                EmitEnd(mapping, at);
                end = at + 1;
                return true;
            }

            if (_text[at] != ',')
            {
                return false;
            }

            at = SkipSpaces(at + 1);
            if (at == _lineEnd || _text[at] == close)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A scalar inside a flow collection: quoted (values only), or plain up to ',', ']', '}' or a key's ':'.</summary>
    private bool ReadFlowScalar(int at, bool isKey, out int end)
    {
        end = at;
        if (_text[at] is '"' or '\'')
        {
            return !isKey && ReadQuoted(at, out end);
        }

        if (!IsPlainStart(at))
        {
            return false;
        }

        var scan = at;
        var valueEnd = at;
        while (scan < _lineEnd && _text[scan] is not (',' or ']' or '}'))
        {
            if (_text[scan] == ':' && isKey)
            {
                break;
            }

            if (_text[scan] is '[' or '{' or ':' or '#' or '"' or '\'')
            {
                return false;
            }

            if (_text[scan] != ' ')
            {
                valueEnd = scan + 1;
            }

            scan++;
        }

        if (isKey && (scan == _lineEnd || _text[scan] != ':' || valueEnd != scan))
        {
            return false;
        }

        if (_emit)
        {
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text.Substring(at, valueEnd - at), ScalarStyle.Plain, true, false, MarkAt(at), MarkAt(valueEnd), isKey));
        }

        end = valueEnd;
        return true;
    }

    /// <summary>A one-line quoted scalar without escapes ('' in single quotes is the one allowed).</summary>
    private bool ReadQuoted(int open, out int end)
    {
        end = open;
        var quote = _text[open];
        var value = _emit ? new StringBuilder() : null;
        var at = open + 1;
        while (true)
        {
            if (at >= _lineEnd || (quote == '"' && _text[at] == '\\'))
            {
                return false;
            }

            if (_text[at] == quote)
            {
                if (quote == '\'' && at + 1 < _lineEnd && _text[at + 1] == '\'')
                {
                    value?.Append('\'');
                    at += 2;
                    continue;
                }

                break;
            }

            value?.Append(_text[at]);
            at++;
        }

        end = at + 1;
        var style = quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
        if (value is not null)
        {
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value.ToString(), style, false, true, MarkAt(open), MarkAt(end)));
        }

        return true;
    }

    /// <returns>Where "key:" ends for a line that is one (-1 when it is one this reader does not take), else null.</returns>
    private int? KeyColon(int at)
    {
        for (var i = at; i < _lineEnd; i++)
        {
            var c = _text[i];
            if (c == '#' && i > at && _text[i - 1] == ' ')
            {
                return null;
            }

            if (c == ':' && (i + 1 == _lineEnd || _text[i + 1] == ' '))
            {
                return i == at || _text[at] is '"' or '\'' or '[' ? -1 : i;
            }
        }

        return null;
    }

    private bool IsPlainStart(int at)
    {
        var c = _text[at];
        if (c is '-' or '?' or ':')
        {
            // These begin a plain scalar when a character that is not a space follows (YAML's "ns-plain-first").
            return at + 1 < _lineEnd && char.IsLetterOrDigit(_text[at + 1]);
        }

        return c is not (',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ');
    }

    private bool RestIsComment(int at)
    {
        var rest = SkipSpaces(at);
        return rest == _lineEnd || (_text[rest] == '#' && rest > at);
    }

    private int SkipSpaces(int at)
    {
        while (at < _lineEnd && _text[at] == ' ')
        {
            at++;
        }

        return at;
    }

    private bool IsDash(int at) => _text[at] == '-' && (at + 1 == _lineEnd || _text[at + 1] == ' ');

    private bool StartsWith(int at, string prefix) => string.CompareOrdinal(_text, at, prefix, 0, prefix.Length) == 0;

    private void OpenCollection(bool sequence, int column, int at, bool indentless)
    {
        _open.Add(new Open(sequence, column, indentless));
        if (!_emit)
        {
            return;
        }

        var start = MarkAt(at);
        if (sequence)
        {
            // An indentless sequence (dashes in the column of their key) starts with its first dash token, the others before it.
            _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, start, indentless ? MarkAt(at + 1) : start));
        }
        else
        {
            _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, start, start));
        }
    }

    /// <summary>Ends the collections a line at <paramref name="column"/> leaves (all of them at the end of the text), their end marks at <paramref name="index"/>.</summary>
    private void Close(int column, int index, bool closeAll, int line, int markColumn)
    {
        var at = new Mark(index, line, markColumn);
        while (_open.Count > 0 && (closeAll || Top.Column > column))
        {
            var open = Top;
            _open.RemoveAt(_open.Count - 1);
            if (_emit)
            {
                _events.Add(open.IsSequence ? new SequenceEnd(at, at) : new MappingEnd(at, at));
            }
        }
    }

    private void EmitEnd(bool mapping, int at)
    {
        if (_emit)
        {
            _events.Add(mapping ? new MappingEnd(MarkAt(at), MarkAt(at)) : new SequenceEnd(MarkAt(at), MarkAt(at)));
        }
    }

    private Open Top => _open[_open.Count - 1];

    private Scalar PlainScalar(int start, int end) =>
        new(AnchorName.Empty, TagName.Empty, _text.Substring(start, end - start), ScalarStyle.Plain, true, false, MarkAt(start), MarkAt(end));

    private Mark MarkAt(int index) => new(index, _line, index - _lineStart + 1);

    private static Mark Origin => new(0, 1, 1);

    private readonly record struct Open(bool IsSequence, int Column, bool Indentless);
}
