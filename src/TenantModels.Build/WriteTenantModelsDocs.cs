using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TenantModels.Core.Bundling;
using TenantModels.Core.Documentation;

namespace TenantModels.Build;

/// <summary>
/// Writes the documentation site of the built bundle (<see cref="DocsSite"/>, what <c>tenantmodels docs</c> writes) when
/// the project sets <c>TenantModelsDocs=true</c>: the bundle folder is read back exactly as the runner reads it.
/// </summary>
public sealed class WriteTenantModelsDocs : Task
{
    [Required]
    public string BundleDirectory { get; set; } = string.Empty;

    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    public override bool Execute()
    {
        Bundle bundle;
        try
        {
            bundle = Core.Bundling.BundleDirectory.Read(BundleDirectory);
        }
        catch (InvalidDataException e)
        {
            Log.LogError(null, "TM0005", null, BundleDirectory, 0, 0, 0, 0, "{0}", "the bundle to document is invalid: " + e.Message);
            return false;
        }

        try
        {
            DocsSite.Write(bundle, OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The runner's code and message for the same failure (tenantmodels docs).
            var diagnostic = Core.Diagnostics.RunnerDiagnostics.DocsNotWritten.At(Core.Diagnostics.SourceLocation.None, OutputDirectory, e.Message);
            Log.LogError(null, diagnostic.Code, null, OutputDirectory, 0, 0, 0, 0, "{0}", diagnostic.Message);
            return false;
        }

        Log.LogMessage(MessageImportance.High, "{0} docs -> {1}", bundle.Manifest.Project, Path.Combine(Path.GetFullPath(OutputDirectory), "index.html"));
        return true;
    }
}
