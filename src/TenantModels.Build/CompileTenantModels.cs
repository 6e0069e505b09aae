using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TenantModels.Core.Bundling;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Editor;
using TenantModels.Core.Pipeline;

namespace TenantModels.Build;

/// <summary>
/// The MSBuild host of the compiler: reads the definition files MSBuild hands it, runs
/// <see cref="ModelProjectCompiler"/>, reports diagnostics in MSBuild's canonical form and writes the bundle.
/// </summary>
/// <remarks>
/// Deliberately thin: no parsing, validation or SQL here, so the build, the generator and the runner can
/// never disagree about what a definition means.
/// </remarks>
public sealed class CompileTenantModels : Task
{
    /// <summary>The YAML files of the project (<c>@(TenantModelsDefinition)</c>); <c>Link</c> metadata overrides the project-relative path.</summary>
    public ITaskItem[] DefinitionFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The folder relative paths are computed from; decides which file is a model, a source, the registry.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    [Required]
    public string ProjectName { get; set; } = string.Empty;

    [Required]
    public string Version { get; set; } = string.Empty;

    /// <summary>Where the bundle goes; replaced as a whole on success, deleted on failure.</summary>
    [Required]
    public string BundleDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Where to write the project-specific editor schemas (docs/editors.md); empty: not written. Written from the
    /// definitions even when they have errors: the names help most while those are being fixed.
    /// </summary>
    public string EditorSchemaDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Where to write the registry file the generated <c>Tenants</c> reads at run time (<see cref="TenantRegistryFile"/>);
    /// empty: not written. Like <see cref="TenantAttributesFile"/>, rewritten only when its text changes.
    /// </summary>
    public string TenantRegistryPath { get; set; } = string.Empty;

    /// <summary>Where to write the declared attributes the generator compiles <c>TenantAttributes</c> from; empty: not written.</summary>
    public string TenantAttributesFile { get; set; } = string.Empty;

    /// <summary>
    /// Where to remember the deploy.sql this build wrote (<see cref="DeployScriptReuse"/>), so the next build keeps it when
    /// its inputs are unchanged; empty: deploy.sql is always written.
    /// </summary>
    public string DeployScriptRecord { get; set; } = string.Empty;

    [Output]
    public string ManifestPath { get; set; } = string.Empty;

    public override bool Execute()
    {
        var bundleDirectory = Path.GetFullPath(Path.Combine(ProjectDirectory, BundleDirectory));
        try
        {
            var files = ReadDefinitionFiles();
            if (Log.HasLoggedErrors)
            {
                return Fail(bundleDirectory);
            }

            // The small outputs are written beside the compile of SQL and the bundle, whose deploy.sql grows with models ×
            // tenants: they need only the checked typed model, a build has both cores, and an edited tenant is a build that
            // waits for nothing else.
            System.Threading.Tasks.Task? aside = null;
            var result = ModelProjectCompiler.Compile(new ProjectInput(ProjectName, Version, files), (syntax, project) =>
                aside = System.Threading.Tasks.Task.Run(() =>
                {
                    WriteEditorSchemas(syntax);
                    WriteRegistry(project);
                }));
            foreach (var diagnostic in result.Diagnostics)
            {
                Report(diagnostic);
            }

            if (!result.Succeeded || result.Bundle is null || Log.HasLoggedErrors)
            {
                aside?.GetAwaiter().GetResult();
                if (aside is null)
                {
                    WriteEditorSchemas(result.Syntax!);
                }

                return Fail(bundleDirectory);
            }

            var reuse = string.IsNullOrEmpty(DeployScriptRecord) ? null : new DeployScriptReuse(Path.Combine(ProjectDirectory, DeployScriptRecord));
            Core.Bundling.BundleDirectory.Write(result.Bundle, bundleDirectory, reuse);
            aside!.GetAwaiter().GetResult();
            ManifestPath = Path.Combine(bundleDirectory, BundleManifest.FileName);
            Log.LogMessage(MessageImportance.High, "{0} -> {1}", ProjectName, bundleDirectory);
            return true;
        }
        catch
        {
            // A compiler exception is a bug and MSBuild reports it with its stack; the old bundle must still go,
            // or the runner and CI would pick up output that no longer matches the definitions.
            Core.Bundling.BundleDirectory.Delete(bundleDirectory);
            throw;
        }
    }

    private List<DefinitionFile> ReadDefinitionFiles()
    {
        var root = Path.GetFullPath(ProjectDirectory);
        var files = new List<DefinitionFile>();
        foreach (var item in DefinitionFiles)
        {
            var fullPath = Path.GetFullPath(Path.Combine(root, item.ItemSpec));
            var link = item.GetMetadata("Link");
            var relative = string.IsNullOrEmpty(link) ? ProjectInput.Relative(root, fullPath) : link.Replace('\\', '/');
            try
            {
                files.Add(new DefinitionFile(fullPath, relative, File.ReadAllText(fullPath)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Deleted or locked between evaluation and execution: a user-facing problem, not a task crash.
                Log.LogError(null, "TM0003", null, fullPath, 0, 0, 0, 0, "{0}", $"cannot read definition file: {e.Message}");
            }
        }

        // Item order follows the file system's globbing; sort so the compiler sees the same input everywhere.
        return files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
    }

    /// <summary>The registry as data for the generated code: a tenant edit changes the registry file, never the C# compiler's inputs.</summary>
    private void WriteRegistry(Core.Binding.BoundProject project)
    {
        if (string.IsNullOrEmpty(TenantRegistryPath) && string.IsNullOrEmpty(TenantAttributesFile))
        {
            return;
        }

        var code = CodeModelBuilder.Build(project);
        if (!string.IsNullOrEmpty(TenantRegistryPath))
        {
            UnchangedFiles.WriteIfChanged(Path.Combine(ProjectDirectory, TenantRegistryPath), TenantRegistryFile.Registry(code));
        }

        if (!string.IsNullOrEmpty(TenantAttributesFile))
        {
            UnchangedFiles.WriteIfChanged(Path.Combine(ProjectDirectory, TenantAttributesFile), TenantRegistryFile.Attributes(code.Attributes));
        }
    }

    private void WriteEditorSchemas(Core.Syntax.ProjectSyntax syntax)
    {
        if (string.IsNullOrEmpty(EditorSchemaDirectory))
        {
            return;
        }

        var directory = Path.GetFullPath(Path.Combine(ProjectDirectory, EditorSchemaDirectory));
        try
        {
            ProjectSchemas.Write(syntax, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An editor aid: the bundle matters more than completion, so this never fails the build.
            Log.LogMessage(MessageImportance.High, "TenantModels: could not write the editor schemas to {0}: {1}", directory, e.Message);
        }
    }

    private void Report(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        // The message goes through "{0}" so braces in user text are never taken as format items.
        if (diagnostic.IsError)
        {
            Log.LogError(null, diagnostic.Code, null, location.Path, location.Line, location.Column, 0, 0, "{0}", diagnostic.Message);
        }
        else
        {
            Log.LogWarning(null, diagnostic.Code, null, location.Path, location.Line, location.Column, 0, 0, "{0}", diagnostic.Message);
        }
    }

    /// <summary>Nothing stale or partial may survive a failed build: the runner would deploy it.</summary>
    private static bool Fail(string bundleDirectory)
    {
        Core.Bundling.BundleDirectory.Delete(bundleDirectory);
        return false;
    }
}
