using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Remembers where the last successfully read YAML event ended: some malformed inputs make YamlDotNet throw
/// exceptions without a position, and a diagnostic still needs one.
/// </summary>
internal sealed class PositionTrackingParser : IParser
{
    private readonly IParser _inner;

    public PositionTrackingParser(IParser inner) => _inner = inner;

    public Mark LastGoodPosition { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        var moved = _inner.MoveNext();
        if (moved && _inner.Current is not null)
        {
            LastGoodPosition = _inner.Current.End;
        }

        return moved;
    }
}
