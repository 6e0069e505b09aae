namespace TenantModels.Core.Syntax;

/// <summary>tenantmodels.yaml as written; absent keys are null and take their defaults in binding.</summary>
public sealed record ProjectSettingsSyntax(
    Located<string>? RawSchemaPattern,
    Located<string>? StagingSchemaPattern,
    Located<string>? CanonicalSchema,
    Located<string>? TenantSchemaPattern = null,
    Located<string>? SharedSchema = null,
    Located<string>? DatabasePattern = null,
    SecuritySyntax? Security = null,
    Located<string>? CanonicalViewTenantLimit = null,
    System.Collections.Generic.IReadOnlyList<WaveSyntax>? Waves = null,
    Located<string>? Distribution = null,
    System.Collections.Generic.IReadOnlyList<Located<string>>? Tests = null);
