using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Parsing;

/// <summary>Stage 1: every file of the project into syntax records, collecting diagnostics from all of them.</summary>
public static class DefinitionParser
{
    public static ProjectSyntax Parse(IReadOnlyList<DefinitionFile> files, DiagnosticBag diagnostics)
    {
        var settings = new ProjectSettingsSyntax(null, null, null);
        var tenants = TenantRegistrySyntax.Empty;
        var sources = new List<SourceSyntax>();
        var models = new List<ModelSyntax>();
        var seeds = new List<DefinitionFile>();
        foreach (var file in files)
        {
            var kind = DefinitionFileLayout.KindOf(file.RelativePath);
            if (kind == DefinitionFileKind.Unknown)
            {
                diagnostics.Report(DefinitionDiagnostics.UnrecognizedFile, SourceLocation.StartOf(file.Path), file.RelativePath);
                continue;
            }

            if (kind == DefinitionFileKind.Seed)
            {
                seeds.Add(file);
                continue;
            }

            if (kind == DefinitionFileKind.Tenants)
            {
                tenants = TenantsParser.Parse(file.Path, file.Text, diagnostics) ?? tenants;
                continue;
            }

            // A file that is not valid YAML gets that one error, not a cascade of shape errors.
            if (!YamlDocumentLoader.TryLoad(file.Path, file.Text, diagnostics, out var root))
            {
                continue;
            }

            switch (kind)
            {
                case DefinitionFileKind.ProjectSettings:
                    settings = ProjectSettingsParser.Parse(file.Path, root, diagnostics);
                    break;
                case DefinitionFileKind.Source:
                    Add(sources, SourceParser.Parse(file.Path, root, diagnostics));
                    break;
                case DefinitionFileKind.Model:
                    Add(models, ModelParser.Parse(file.Path, root, diagnostics, file.Text));
                    break;
            }
        }

        return new ProjectSyntax(settings, tenants, sources, models, seeds);
    }

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }
}
