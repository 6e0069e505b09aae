using System;
using System.IO;

namespace TenantModels.Editor.Tests;

/// <summary>Finds positions in a definition file's text, so tests name what they point at rather than counting lines.</summary>
internal static class Document
{
    /// <summary>Zero-based line and character just after the first occurrence of <paramref name="marker"/>.</summary>
    public static (int Line, int Character) After(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException($"'{marker}' is not in the text:\n{text}");
        }

        return At(text, index + marker.Length);
    }

    /// <summary>Zero-based line and character of the first occurrence of <paramref name="marker"/>.</summary>
    public static (int Line, int Character) Of(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException($"'{marker}' is not in the text:\n{text}");
        }

        return At(text, index);
    }

    /// <summary>The text with its first <paramref name="old"/> replaced, failing when it is absent (a test against nothing would pass).</summary>
    public static string Replace(string text, string old, string replacement)
    {
        var index = text.IndexOf(old, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException($"'{old}' is not in the text:\n{text}");
        }

        return string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + old.Length));
    }

    public static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static (int Line, int Character) At(string text, int index)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart);
    }
}
