using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>Everything parsed from a project's files; later stages never see YAML.</summary>
public sealed record ProjectSyntax(
    ProjectSettingsSyntax Settings,
    TenantRegistrySyntax Tenants,
    IReadOnlyList<SourceSyntax> Sources,
    IReadOnlyList<ModelSyntax> Models,
    IReadOnlyList<Pipeline.DefinitionFile>? SeedFiles = null);
