using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TenantModels.Core.Pipeline;

public enum DefinitionFileKind
{
    Unknown,
    ProjectSettings,
    Tenants,
    Source,
    Model,

    /// <summary>A CSV file under seeds/, loaded into a table model that names it.</summary>
    Seed,
}

/// <summary>The conventional layout of a model project; the SDK's default globs mirror it.</summary>
public static class DefinitionFileLayout
{
    public const string ProjectSettingsFile = "tenantmodels.yaml";
    public const string TenantsFile = "tenants.yaml";
    public const string SourcesFolder = "sources";
    public const string ModelsFolder = "models";
    public const string SeedsFolder = "seeds";

    public static DefinitionFileKind KindOf(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        if (path.StartsWith(SeedsFolder + "/", StringComparison.Ordinal) && path.EndsWith(".csv", StringComparison.Ordinal))
        {
            return DefinitionFileKind.Seed;
        }

        if (!path.EndsWith(".yaml", StringComparison.Ordinal) && !path.EndsWith(".yml", StringComparison.Ordinal))
        {
            return DefinitionFileKind.Unknown;
        }

        if (path is ProjectSettingsFile or "tenantmodels.yml")
        {
            return DefinitionFileKind.ProjectSettings;
        }

        if (path is TenantsFile or "tenants.yml")
        {
            return DefinitionFileKind.Tenants;
        }

        if (path.StartsWith(SourcesFolder + "/", StringComparison.Ordinal))
        {
            return DefinitionFileKind.Source;
        }

        return path.StartsWith(ModelsFolder + "/", StringComparison.Ordinal) ? DefinitionFileKind.Model : DefinitionFileKind.Unknown;
    }

    public static IEnumerable<string> Enumerate(string projectDirectory)
    {
        var candidates = new List<string>();
        foreach (var name in new[] { ProjectSettingsFile, "tenantmodels.yml", TenantsFile, "tenants.yml" })
        {
            var path = Path.Combine(projectDirectory, name);
            if (File.Exists(path))
            {
                candidates.Add(path);
            }
        }

        foreach (var folder in new[] { SourcesFolder, ModelsFolder, SeedsFolder })
        {
            var dir = Path.Combine(projectDirectory, folder);
            if (Directory.Exists(dir))
            {
                candidates.AddRange(Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
                    .Where(p => KindOf(ProjectInput.Relative(projectDirectory, p)) != DefinitionFileKind.Unknown));
            }
        }

        return candidates.OrderBy(p => ProjectInput.Relative(projectDirectory, p), StringComparer.Ordinal);
    }
}
