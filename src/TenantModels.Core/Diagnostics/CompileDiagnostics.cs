namespace TenantModels.Core.Diagnostics;

/// <summary>TM2xxx: problems found while turning the bound model into SQL artefacts.</summary>
public static class CompileDiagnostics
{
    public static readonly DiagnosticDescriptor IdentifierTooLong = Error("TM2001", "Identifier too long",
        "{0} would be '{1}', {2} bytes long; PostgreSQL silently truncates names over 63 bytes, so TenantModels refuses it ({3})");

    public static readonly DiagnosticDescriptor IdentifierCollision = Error("TM2002", "Identifier collision",
        "{0} would be '{1}', which is also {2}; two tenants or sources must never share a schema");

    public static readonly DiagnosticDescriptor ReservedCanonicalColumn = Error("TM2003", "Reserved column in a canonical model",
        "model '{0}' is canonical, so its canonical view adds column '{1}'; rename the model's own '{1}' column");

    public static readonly DiagnosticDescriptor RoleNameTooLong = Error("TM2010", "Role name too long",
        "{0} would be '{1}', {2} bytes long; PostgreSQL silently truncates role names over 63 bytes, so TenantModels refuses it (shorten the tenant id, the prefix or the role pattern)");

    public static readonly DiagnosticDescriptor RoleNameCollision = Error("TM2011", "Role name collision",
        "{0} would be '{1}', which is also {2}; roles are cluster-wide, so two tenants or purposes must never share one");

    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);
}
