using System;
using System.IO;
using System.Text;

namespace TenantModels.Core.Pipeline;

/// <summary>Writes generated text files only when their text changes, so whatever watches their time (MSBuild's up-to-date checks, an editor) sees no change for nothing.</summary>
public static class UnchangedFiles
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>True when the file was written.</returns>
    public static bool WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text, Utf8NoBom);
        return true;
    }
}
