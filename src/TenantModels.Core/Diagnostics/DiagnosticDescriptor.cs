namespace TenantModels.Core.Diagnostics;

/// <summary>One stable diagnostic code with its message template (string.Format placeholders).</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    public Diagnostic At(SourceLocation location, params object[] args) =>
        new(Code, Severity, location, string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args));
}
