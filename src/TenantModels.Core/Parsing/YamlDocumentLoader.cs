using System.IO;
using System.Text;
using TenantModels.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Loads one YAML document, turning YamlDotNet's exceptions into a located TM1001 and inputs past
/// <see cref="DefinitionLimits"/> into TM1090–TM1092, so no file can crash or stall the build or the IDE.
/// </summary>
internal static class YamlDocumentLoader
{
    /// <returns>False (with a diagnostic) when the text is not valid YAML; <paramref name="root"/> is null for an empty file.</returns>
    public static bool TryLoad(string path, string text, DiagnosticBag diagnostics, out YamlNode? root) =>
        TryLoad(path, text, diagnostics, out root, streamed: null);

    /// <param name="streamed">
    /// When given, and the text is one <see cref="BlockYamlReader"/> reads, the items of that list are handed out one by one
    /// and left out of <paramref name="root"/> (<see cref="StreamedItems.Streamed"/> says whether they were).
    /// </param>
    public static bool TryLoad(string path, string text, DiagnosticBag diagnostics, out YamlNode? root, StreamedItems? streamed)
    {
        root = null;
        if (TooLarge(text) is { } bytes)
        {
            diagnostics.Report(DefinitionDiagnostics.FileTooLarge, SourceLocation.StartOf(path), bytes, DefinitionLimits.MaxFileBytes);
            return false;
        }

        var (parsed, lineBreaks) = Yaml12LineBreaks.ForParser(text);
        IParser events;
        var block = lineBreaks is null ? BlockYamlReader.TryParse(parsed) : null;
        if (lineBreaks is null)
        {
            events = new NestingLimitParser(block ?? new Parser(new StringReader(parsed)));
        }
        else
        {
            events = lineBreaks.Restoring(new NestingLimitParser(new Parser(new StringReader(parsed))));
        }

        var parser = new PositionTrackingParser(events);
        try
        {
            var stream = new YamlStream();
            stream.Load(block is not null && streamed is not null ? new ItemStreamingParser(parser, streamed) : parser);
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode;
                diagnostics.Report(DefinitionDiagnostics.YamlSyntax, YamlLocation.Of(path, second),
                    "a definition file holds one YAML document; remove the '---' separator");
            }

            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            return true;
        }
        catch (YamlLimitException e)
        {
            diagnostics.Report(e.Descriptor, YamlLocation.Of(path, e.At), e.Arguments);
            return false;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is not null && e.Message.StartsWith("Exception during deserialization", System.StringComparison.Ordinal)
                ? e.InnerException.Message
                : e.Message;
            diagnostics.Report(DefinitionDiagnostics.YamlSyntax, YamlLocation.Of(path, e.Start), Sentence(message));
            return false;
        }
        catch (System.Exception e) when (e is System.InvalidOperationException or System.ArgumentException or System.FormatException or System.OverflowException)
        {
            // YamlDotNet reports some malformed input without a position: point just past the last part it could read.
            diagnostics.Report(DefinitionDiagnostics.YamlSyntax, YamlLocation.Of(path, parser.LastGoodPosition),
                "the file cannot be read as YAML after this point (check brackets, quotes and indentation)");
            return false;
        }
    }

    /// <returns>The file's size in UTF-8 bytes when it is over the limit, else null (counting only when it could be).</returns>
    private static long? TooLarge(string text)
    {
        if ((long)text.Length * 3 <= DefinitionLimits.MaxFileBytes)
        {
            return null;
        }

        long bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > DefinitionLimits.MaxFileBytes ? bytes : null;
    }

    private static string Sentence(string message)
    {
        var trimmed = message.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? trimmed : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
    }
}
