using Microsoft.CodeAnalysis.Text;

namespace TenantModels.Generator.Model;

/// <summary>A TMxxxx diagnostic as comparable data; turned into a Roslyn diagnostic only when reported.</summary>
/// <remarks>Roslyn's <c>Diagnostic</c> and <c>Location</c> do not compare by value and would defeat caching.</remarks>
internal sealed record DiagnosticSpec(string Code, string Title, string Message, bool IsError, LocationInfo? Location);

/// <summary>A span in a definition file, as plain data (the parts of an external-file <c>Location</c>).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Microsoft.CodeAnalysis.Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
}
