using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Passes a document's events through, except the items of the list under one root key (<see cref="StreamedItems"/>):
/// each of those is built into its own node tree as soon as its last event is read and handed out, so the tree built
/// from what passes through has that list empty.
/// </summary>
internal sealed class ItemStreamingParser : IParser
{
    private readonly IParser _inner;
    private readonly StreamedItems _items;
    private readonly List<ParsingEvent> _item = new();
    private int _depth;
    private bool _rootIsMapping;
    private bool _expectKey;
    private bool _keyMatched;
    private bool _inList;
    private int _itemDepth;

    public ItemStreamingParser(IParser inner, StreamedItems items)
    {
        _inner = inner;
        _items = items;
    }

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        while (_inner.MoveNext())
        {
            var current = _inner.Current!;
            if (!_inList)
            {
                Track(current);
                return true;
            }

            if (_item.Count == 0 && current is SequenceEnd)
            {
                // The list ends: what passes through sees an empty list, the value of its key.
                _inList = false;
                _depth = 1;
                _expectKey = true;
                return true;
            }

            _item.Add(current);
            if (current is MappingStart or SequenceStart)
            {
                _itemDepth++;
            }
            else if (current is MappingEnd or SequenceEnd)
            {
                _itemDepth--;
            }

            if (_itemDepth == 0)
            {
                Deliver();
            }
        }

        return false;
    }

    private void Track(ParsingEvent current)
    {
        switch (current)
        {
            case MappingStart or SequenceStart:
                if (_depth == 0)
                {
                    _rootIsMapping = current is MappingStart;
                    _expectKey = true;
                }
                else if (_depth == 1 && _rootIsMapping && !_expectKey && _keyMatched && current is SequenceStart)
                {
                    _inList = true;
                    _items.Streamed = true;
                }

                _keyMatched = false;
                _depth++;
                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                if (_depth == 1 && _rootIsMapping)
                {
                    // A key or a value that was a collection has ended.
                    _expectKey = !_expectKey;
                }

                break;
            case Scalar scalar when _depth == 1 && _rootIsMapping:
                _keyMatched = _expectKey && scalar.Value == _items.RootKey;
                _expectKey = !_expectKey;
                break;
            case AnchorAlias when _depth == 1 && _rootIsMapping:
                _keyMatched = false;
                _expectKey = !_expectKey;
                break;
            case DocumentEnd:
                _depth = 0;
                break;
        }
    }

    private void Deliver()
    {
        var stream = new YamlStream();
        stream.Load(new OneItem(_item));
        _item.Clear();
        _items.OnItem(stream.Documents[0].RootNode);
    }

    /// <summary>One item's events as a document of its own; the stream and document events carry no marks a node keeps.</summary>
    private sealed class OneItem : IParser
    {
        private static readonly ParsingEvent[] Before = { new StreamStart(), new DocumentStart() };
        private static readonly ParsingEvent[] After = { new DocumentEnd(isImplicit: true), new StreamEnd() };
        private readonly List<ParsingEvent> _events;
        private int _next = -1;

        public OneItem(List<ParsingEvent> events) => _events = events;

        public ParsingEvent? Current
        {
            get
            {
                if (_next < 0)
                {
                    return null;
                }

                if (_next < Before.Length)
                {
                    return Before[_next];
                }

                var at = _next - Before.Length;
                return at < _events.Count ? _events[at] : at - _events.Count < After.Length ? After[at - _events.Count] : null;
            }
        }

        public bool MoveNext()
        {
            if (_next < Before.Length + _events.Count + After.Length)
            {
                _next++;
            }

            return _next < Before.Length + _events.Count + After.Length;
        }
    }
}
