using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TenantModels.Core.Documentation;

/// <summary>
/// A data file of the site: JSON assigned by a script statement (<c>TM.x = {…};</c>), because a page opened from the
/// file system may not <c>fetch()</c> files beside it, but it may load them with a <c>&lt;script src&gt;</c>.
/// </summary>
internal static class ScriptFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // Loaded by <script src>, never inlined in HTML: quotes, angle brackets and non-ASCII text need no escaping, and the
    // SQL and SVG stay readable (and a third smaller).
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="prefix">What precedes the JSON value, e.g. <c>TM.site = </c> or <c>TM.loaded("model:call", </c>.</param>
    /// <param name="suffix">What follows it, e.g. <c>;</c> or <c>);</c>.</param>
    public static void Write(string path, string prefix, string suffix, Action<Utf8JsonWriter> value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        var head = Utf8NoBom.GetBytes(prefix);
        stream.Write(head, 0, head.Length);
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            value(writer);
        }

        var tail = Utf8NoBom.GetBytes(suffix + "\n");
        stream.Write(tail, 0, tail.Length);
    }

    /// <summary>A JavaScript string literal of <paramref name="text"/> (JSON's escaping is valid JavaScript).</summary>
    public static string Literal(string text) => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = Options.Encoder });

    public static void WriteStrings(Utf8JsonWriter writer, string name, System.Collections.Generic.IEnumerable<string> values)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
