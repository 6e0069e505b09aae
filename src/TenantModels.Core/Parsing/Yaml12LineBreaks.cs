using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TenantModels.Core.Parsing;

/// <summary>
/// YAML 1.2 breaks lines at LF, CR and CR LF only; NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
/// (U+2029) are ordinary characters, as in editors. YamlDotNet follows YAML 1.1 and breaks lines at them too, which
/// shifts every line and column reported after one. So the parser is given the text with each of them replaced by a
/// private-use character the file does not contain (one character for one: positions stay those of the file), and
/// scalars get the original characters back.
/// </summary>
internal sealed class Yaml12LineBreaks
{
    private static readonly char[] Yaml11OnlyBreaks = { '\u0085', '\u2028', '\u2029' };

    private readonly char[] _standIns;

    private Yaml12LineBreaks(char[] standIns) => _standIns = standIns;

    /// <returns>The text for YamlDotNet, and how to restore scalars (null when the text has none of these characters).</returns>
    public static (string Text, Yaml12LineBreaks? Restore) ForParser(string text)
    {
        if (text.IndexOfAny(Yaml11OnlyBreaks) < 0)
        {
            return (text, null);
        }

        var standIns = UnusedPrivateUseCharacters(text, Yaml11OnlyBreaks.Length);
        if (standIns is null)
        {
            // A file holding every private-use character: parse it as YamlDotNet does (positions may then drift).
            return (text, null);
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var which = System.Array.IndexOf(Yaml11OnlyBreaks, chars[i]);
            if (which >= 0)
            {
                chars[i] = standIns[which];
            }
        }

        return (new string(chars), new Yaml12LineBreaks(standIns));
    }

    /// <summary>The parser's events, with scalar values holding the file's characters again.</summary>
    public IParser Restoring(IParser parser) => new RestoringParser(parser, this);

    private string Restore(string value)
    {
        if (value.IndexOfAny(_standIns) < 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var which = System.Array.IndexOf(_standIns, chars[i]);
            if (which >= 0)
            {
                chars[i] = Yaml11OnlyBreaks[which];
            }
        }

        return new string(chars);
    }

    private static char[]? UnusedPrivateUseCharacters(string text, int count)
    {
        const char first = '\uE000', last = '\uF8FF';
        var used = new bool[last - first + 1];
        foreach (var c in text)
        {
            if (c >= first && c <= last)
            {
                used[c - first] = true;
            }
        }

        var found = new List<char>(count);
        for (var i = 0; i < used.Length && found.Count < count; i++)
        {
            if (!used[i])
            {
                found.Add((char)(first + i));
            }
        }

        return found.Count == count ? found.ToArray() : null;
    }

    private sealed class RestoringParser : IParser
    {
        private readonly IParser _inner;
        private readonly Yaml12LineBreaks _breaks;

        public RestoringParser(IParser inner, Yaml12LineBreaks breaks)
        {
            _inner = inner;
            _breaks = breaks;
        }

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            var moved = _inner.MoveNext();
            Current = _inner.Current is Scalar s
                ? new Scalar(s.Anchor, s.Tag, _breaks.Restore(s.Value), s.Style, s.IsPlainImplicit, s.IsQuotedImplicit, s.Start, s.End, s.IsKey)
                : _inner.Current;
            return moved;
        }
    }
}
