using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Core.Syntax;
using TenantModels.Core.Validation;

namespace TenantModels.Core.Binding;

internal sealed record BoundSettings(NamingPattern RawSchema, NamingPattern StagingSchema, string CanonicalSchema);

internal static class SettingsBinder
{
    public const string DefaultCanonicalSchema = "canonical";

    public static BoundSettings Bind(ProjectSettingsSyntax settings, DiagnosticBag diagnostics)
    {
        var canonical = DefaultCanonicalSchema;
        if (settings.CanonicalSchema is { } schema && DefinitionValidator.ValidName(schema, "canonical schema", diagnostics))
        {
            canonical = schema.Value;
        }

        return new BoundSettings(
            Pattern(settings.RawSchemaPattern, NamingPattern.DefaultRawSchema, "raw schemas", diagnostics),
            Pattern(settings.StagingSchemaPattern, NamingPattern.DefaultStagingSchema, "staging schemas", diagnostics),
            canonical);
    }

    public static NamingPattern Pattern(Located<string>? written, NamingPattern fallback, string what, DiagnosticBag diagnostics)
    {
        if (written is null)
        {
            return fallback;
        }

        var pattern = new NamingPattern(written.Value.Value);
        if (pattern.IsValid)
        {
            return pattern;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidNamingPattern, written.Value.Location, written.Value.Value, what, NamingPattern.TenantToken);
        return fallback;
    }
}
