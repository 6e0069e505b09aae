using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Core.Syntax;
using TenantModels.Core.Validation;

namespace TenantModels.Core.Binding;

internal sealed record BoundSettings(
    NamingPattern RawSchema,
    NamingPattern StagingSchema,
    string CanonicalSchema,
    NamingPattern TenantSchema,
    string SharedSchema,
    NamingPattern? Database,
    int CanonicalViewTenantLimit,
    Distribution Distribution);

internal static class SettingsBinder
{
    public const string DefaultCanonicalSchema = "canonical";
    public const string DefaultSharedSchema = "shared";

    public static BoundSettings Bind(ProjectSettingsSyntax settings, DiagnosticBag diagnostics)
    {
        var canonical = SchemaName(settings.CanonicalSchema, DefaultCanonicalSchema, "canonical schema", diagnostics);
        var shared = SchemaName(settings.SharedSchema, DefaultSharedSchema, "shared schema", diagnostics);

        return new BoundSettings(
            Pattern(settings.RawSchemaPattern, NamingPattern.DefaultRawSchema, "raw schemas", diagnostics),
            Pattern(settings.StagingSchemaPattern, NamingPattern.DefaultStagingSchema, "staging schemas", diagnostics),
            canonical,
            Pattern(settings.TenantSchemaPattern, NamingPattern.DefaultTenantSchema, "tenant schemas", diagnostics),
            shared,
            settings.DatabasePattern is null ? null : Pattern(settings.DatabasePattern, NamingPattern.DefaultTenantSchema, "tenant databases", diagnostics),
            TenantLimit(settings.CanonicalViewTenantLimit, diagnostics),
            DistributionOf(settings.Distribution, diagnostics));
    }

    private static int TenantLimit(Located<string>? written, DiagnosticBag diagnostics)
    {
        if (written is not { } limit)
        {
            return BoundProject.DefaultCanonicalViewTenantLimit;
        }

        if (int.TryParse(limit.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidValue, limit.Location, limit.Value, "canonical_view_tenant_limit", "a positive whole number");
        return BoundProject.DefaultCanonicalViewTenantLimit;
    }

    private static Distribution DistributionOf(Located<string>? written, DiagnosticBag diagnostics)
    {
        if (written is not { } distribution)
        {
            return Distribution.Postgres;
        }

        if (Distributions.TryParse(distribution.Value, out var value))
        {
            return value;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidValue, distribution.Location, distribution.Value, "distribution", Distributions.Expected);
        return Distribution.Postgres;
    }

    private static string SchemaName(Located<string>? written, string fallback, string what, DiagnosticBag diagnostics) =>
        written is { } name && DefinitionValidator.ValidName(name, what, diagnostics) ? name.Value : fallback;

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
