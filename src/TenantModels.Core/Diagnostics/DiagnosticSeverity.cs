namespace TenantModels.Core.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
