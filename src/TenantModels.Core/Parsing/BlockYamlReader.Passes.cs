using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TenantModels.Core.Parsing;

/// <summary>
/// The two passes over a text: the first checks all of it is in the subset without making anything, the second makes the
/// events a line at a time as YamlDotNet's loader asks for them (the grammar itself is in BlockYamlReader.cs).
/// </summary>
internal sealed partial class BlockYamlReader
{
    /// <summary>False: only checks the text is in the subset, allocating no event (the first of the two passes).</summary>
    private readonly bool _emit;
    private int _position;

    private BlockYamlReader(string text, bool emit)
    {
        _text = text;
        _emit = emit;
    }

    /// <returns>YamlDotNet's events for <paramref name="text"/>, or null when the text is outside the subset this reads.</returns>
    /// <remarks>
    /// The whole text is checked first, without building anything, so a text this declines has given no event; then the
    /// events are made line by line as they are read, and die young (10,000 tenant entries are 13 MB of events).
    /// </remarks>
    public static IParser? TryParse(string text)
    {
        var check = new BlockYamlReader(text, emit: false);
        if (!check.Begin())
        {
            return null;
        }

        while (!check.AtEnd)
        {
            if (!check.ReadNextLine())
            {
                return null;
            }
        }

        return check.End() ? new LineByLine(new BlockYamlReader(text, emit: true)) : null;
    }

    private bool AtEnd => _position >= _text.Length;

    private bool Begin()
    {
        if (_text.Length == 0 || _text[0] == '\uFEFF')
        {
            return false;
        }

        if (_emit)
        {
            _events.Add(new StreamStart(Origin, Origin));
        }

        _line = 1;
        return true;
    }

    private bool ReadNextLine()
    {
        _lineStart = _position;
        var newline = _text.IndexOf('\n', _position);
        _lineEnd = newline < 0 ? _text.Length : newline;
        if (_lineEnd > _lineStart && _text[_lineEnd - 1] == '\r')
        {
            _lineEnd--;
        }

        var last = newline < 0;
        if (!ReadLine(last))
        {
            return false;
        }

        _position = last ? _text.Length : newline + 1;
        _line++;
        return true;
    }

    private bool End()
    {
        if (!_started || _pendingColumn >= 0)
        {
            return false;
        }

        // YamlDotNet ends the stream at column 1 of the line after the last one, whether or not the text ends with a break.
        Close(0, _text.Length, closeAll: true, _line, 1);
        if (_emit)
        {
            var end = new Mark(_text.Length, _line, 1);
            _events.Add(new DocumentEnd(isImplicit: true, end, end));
            _events.Add(new StreamEnd(end, end));
        }

        return true;
    }

    /// <summary>The events of a text already checked, made a line at a time as the consumer asks for them.</summary>
    private sealed class LineByLine : IParser
    {
        private readonly BlockYamlReader _reader;
        private int _next = -1;
        private bool _begun;
        private bool _ended;

        public LineByLine(BlockYamlReader reader) => _reader = reader;

        public ParsingEvent? Current => _next >= 0 && _next < _reader._events.Count ? _reader._events[_next] : null;

        public bool MoveNext()
        {
            var events = _reader._events;
            if (_next < events.Count)
            {
                _next++;
            }

            while (_next >= events.Count && !_ended)
            {
                events.Clear();
                _next = 0;
                // The text was checked whole by the same code: reading it again cannot fail.
                if (!_begun)
                {
                    _begun = _reader.Begin();
                }
                else if (!_reader.AtEnd)
                {
                    _reader.ReadNextLine();
                }
                else
                {
                    _reader.End();
                    _ended = true;
                }
            }

            return _next < events.Count;
        }
    }
}
