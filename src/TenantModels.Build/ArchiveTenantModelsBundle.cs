using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TenantModels.Core.Bundling;

namespace TenantModels.Build;

/// <summary>
/// Turns the built bundle folder into the single file CI publishes, <c>&lt;Project&gt;.&lt;Version&gt;.tmbundle</c>,
/// after checking the folder exactly as the runner will (checksums, content hash).
/// </summary>
public sealed class ArchiveTenantModelsBundle : Task
{
    [Required]
    public string BundleDirectory { get; set; } = string.Empty;

    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    [Output]
    public string ArchivePath { get; set; } = string.Empty;

    public override bool Execute()
    {
        Bundle bundle;
        try
        {
            bundle = Core.Bundling.BundleDirectory.Read(BundleDirectory);
        }
        catch (InvalidDataException e)
        {
            Log.LogError(null, "TM0006", null, BundleDirectory, 0, 0, 0, 0, "{0}", "the bundle to archive is invalid: " + e.Message);
            return false;
        }

        ArchivePath = Path.GetFullPath(Path.Combine(OutputDirectory, BundleArchive.FileName(bundle.Manifest.Project, bundle.Manifest.BundleVersion)));
        BundleArchive.Write(bundle, ArchivePath);
        Log.LogMessage(MessageImportance.High, "{0} -> {1}", bundle.Manifest.Project, ArchivePath);
        return true;
    }
}
