namespace TenantModels.Core.Diagnostics;

/// <summary>A user error (or warning) as data; collected across all files and reported together.</summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The canonical MSBuild/compiler form: <c>path(line,col): error TM1234: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var where = Location.Line > 0 ? $"{Location.Path}({Location.Line},{Location.Column})" : Location.Path;
        return $"{where}: {severity} {Code}: {Message}";
    }
}
