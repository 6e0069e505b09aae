using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Syntax;

namespace TenantModels.Generator.Analysis;

/// <summary>Puts separately parsed files together into the one <see cref="ProjectSyntax"/> Core's parser would have made of them.</summary>
internal static class ProjectSyntaxBuilder
{
    /// <remarks>Core parses files in relative-path order, a later settings or tenants file replacing an earlier one that loaded.</remarks>
    public static ProjectSyntax Build(IEnumerable<ParsedDefinition> files)
    {
        var settings = new ProjectSettingsSyntax(null, null, null);
        var tenants = TenantRegistrySyntax.Empty;
        var sources = new List<SourceSyntax>();
        var models = new List<ModelSyntax>();
        var seeds = new List<DefinitionFile>();
        foreach (var file in Ordered(files))
        {
            var syntax = file.Syntax;
            switch (file.Kind)
            {
                case DefinitionFileKind.ProjectSettings when file.Loaded:
                    settings = syntax.Settings;
                    break;
                case DefinitionFileKind.Tenants when file.Loaded:
                    tenants = syntax.Tenants;
                    break;
                case DefinitionFileKind.Source:
                    sources.AddRange(syntax.Sources);
                    break;
                case DefinitionFileKind.Model:
                    models.AddRange(syntax.Models);
                    break;
                case DefinitionFileKind.Seed:
                    seeds.AddRange(syntax.SeedFiles ?? Array.Empty<DefinitionFile>());
                    break;
            }
        }

        return new ProjectSyntax(settings, tenants, sources, models, seeds);
    }

    public static IEnumerable<ParsedDefinition> Ordered(IEnumerable<ParsedDefinition> files) =>
        files.OrderBy(f => f.Text.RelativePath, StringComparer.Ordinal).ThenBy(f => f.Text.Path, StringComparer.Ordinal);
}
