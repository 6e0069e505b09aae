namespace TenantModels.Core.Diagnostics;

/// <summary>TM2xxx: problems found while turning the bound model into SQL artefacts.</summary>
public static class CompileDiagnostics
{
    public static readonly DiagnosticDescriptor IdentifierTooLong = Error("TM2001", "Identifier too long",
        "{0} '{1}' is {2} bytes; PostgreSQL silently truncates names over 63 bytes, so TenantModels refuses it (shorten the tenant id or the naming pattern)");

    public static readonly DiagnosticDescriptor IdentifierCollision = Error("TM2002", "Identifier collision",
        "{0} '{1}' of {2} collides with the same name derived for {3}");

    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);
}
