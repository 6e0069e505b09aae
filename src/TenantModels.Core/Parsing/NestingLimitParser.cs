using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Passes YamlDotNet's parsing events through while counting how deep collections nest, aliases included, and
/// throws <see cref="YamlLimitException"/> past <see cref="DefinitionLimits"/>. The event parser itself is not
/// recursive, but the node tree built from its events is (and so are its hash codes), and its scanner costs time
/// proportional to the depth for every token: counting here keeps both bounded by the limits, whatever the input.
/// </summary>
internal sealed class NestingLimitParser : IParser
{
    private readonly IParser _inner;
    private readonly Stack<OpenNode> _open = new();
    private readonly Dictionary<string, AnchoredNode> _anchors = new(System.StringComparer.Ordinal);
    private long _nodes;
    private long _aliasedNodes;

    public NestingLimitParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case SequenceStart or MappingStart:
                Open((NodeEvent)_inner.Current);
                break;
            case SequenceEnd or MappingEnd:
                Close();
                break;
            case Scalar scalar:
                _nodes++;
                Remember(scalar.Anchor, new AnchoredNode(1, 0));
                break;
            case AnchorAlias alias:
                Expand(alias);
                break;
            case DocumentEnd:
                // Anchors do not cross documents.
                _anchors.Clear();
                break;
        }

        return true;
    }

    private void Open(NodeEvent start)
    {
        _nodes++;
        if (_open.Count + 1 > DefinitionLimits.MaxNestingDepth)
        {
            throw new YamlLimitException(start.Start, DefinitionDiagnostics.NestingTooDeep, DefinitionLimits.MaxNestingDepth);
        }

        _open.Push(new OpenNode(start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodes + _aliasedNodes - 1));
    }

    private void Close()
    {
        if (_open.Count == 0)
        {
            return;
        }

        var node = _open.Pop();
        Inner(node.Depth + 1);
        if (node.Anchor is not null)
        {
            _anchors[node.Anchor] = new AnchoredNode(_nodes + _aliasedNodes - node.NodesBefore, node.Depth + 1);
        }
    }

    private void Expand(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        foreach (var open in _open)
        {
            if (open.Anchor == name)
            {
                throw new YamlLimitException(alias.Start, DefinitionDiagnostics.InvalidAlias, name, "it stands for a collection that contains it, which would never end");
            }
        }

        if (!_anchors.TryGetValue(name, out var anchored))
        {
            // YamlDotNet reports an alias to no anchor itself.
            return;
        }

        if (_open.Count + anchored.Depth > DefinitionLimits.MaxNestingDepth)
        {
            throw new YamlLimitException(alias.Start, DefinitionDiagnostics.NestingTooDeep, DefinitionLimits.MaxNestingDepth);
        }

        _aliasedNodes += anchored.Nodes;
        if (_aliasedNodes > DefinitionLimits.MaxAliasedNodes)
        {
            throw new YamlLimitException(alias.Start, DefinitionDiagnostics.InvalidAlias, name,
                $"the file's aliases stand for more than {DefinitionLimits.MaxAliasedNodes.ToString(System.Globalization.CultureInfo.InvariantCulture)} nodes in all; write the values out or alias fewer of them");
        }

        Inner(anchored.Depth);
    }

    private void Remember(AnchorName anchor, AnchoredNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    /// <summary>Records that the innermost open collection holds something <paramref name="depth"/> collections deep.</summary>
    private void Inner(int depth)
    {
        if (_open.Count > 0)
        {
            var parent = _open.Pop();
            _open.Push(parent with { Depth = System.Math.Max(parent.Depth, depth) });
        }
    }

    /// <param name="Depth">How many collections deep its content goes so far (0 for an empty one).</param>
    private sealed record OpenNode(string? Anchor, long NodesBefore, int Depth = 0);

    private readonly record struct AnchoredNode(long Nodes, int Depth);
}
