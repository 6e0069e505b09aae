using System;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Planning;

/// <summary>
/// Whether a bundle may replace the one last deployed: only of the same project (or of the project named as replaced);
/// never an older version; the same version only with the same content.
/// </summary>
public static class BundleVersionGate
{
    /// <summary>Null when <paramref name="bundle"/> may follow what was last deployed; otherwise why not: another project (TM3017) or its version (TM3006).</summary>
    /// <param name="replaceProject">The deployed project the bundle is declared to replace (<c>--replace-project</c>), or null.</param>
    public static Diagnostic? Refusal(string deployedProject, string deployedVersion, string deployedHash, BundleManifest bundle, bool allowSameVersion, string? replaceProject)
    {
        if (!string.Equals(deployedProject, bundle.Project, StringComparison.Ordinal))
        {
            // Versions of two projects do not compare: the replacement is either declared by name, or refused.
            return ProjectRefusal(deployedProject, deployedVersion, bundle.Project, replaceProject);
        }

        return Check(deployedVersion, deployedHash, bundle.BundleVersion, bundle.ContentHash, allowSameVersion) is { } reason
            ? RunnerDiagnostics.BundleVersionRefused.At(SourceLocation.None, reason)
            : null;
    }

    /// <summary>
    /// Null when the bundle is of the deployed project, or of another one that <paramref name="replaceProject"/> declares
    /// replaces it; otherwise TM3017. A bundle of another project would plan dropping every object of the deployed one.
    /// </summary>
    public static Diagnostic? ProjectRefusal(string deployedProject, string deployedVersion, string bundleProject, string? replaceProject) =>
        string.Equals(deployedProject, bundleProject, StringComparison.Ordinal) || string.Equals(replaceProject, deployedProject, StringComparison.Ordinal)
            ? null
            : RunnerDiagnostics.OtherProjectRefused.At(SourceLocation.None, bundleProject, deployedProject, deployedVersion);

    /// <summary>Null when allowed; otherwise why not.</summary>
    /// <param name="allowSameVersion">Accept a rebuilt bundle that kept its version but changed content (a development loop).</param>
    public static string? Check(string deployedVersion, string deployedHash, string bundleVersion, string bundleHash, bool allowSameVersion)
    {
        if (!SemanticVersion.TryParse(deployedVersion, out var deployed) || !SemanticVersion.TryParse(bundleVersion, out var candidate))
        {
            // Not SemVer: only equality means anything.
            return deployedVersion == bundleVersion && deployedHash != bundleHash && !allowSameVersion ? SameVersion(bundleVersion) : null;
        }

        var order = candidate.CompareTo(deployed);
        if (order < 0)
        {
            return $"bundle version {bundleVersion} is older than {deployedVersion}, the version last deployed to this database; deploy {deployedVersion} or newer";
        }

        return order == 0 && !string.Equals(deployedHash, bundleHash, StringComparison.Ordinal) && !allowSameVersion ? SameVersion(bundleVersion) : null;
    }

    private static string SameVersion(string version) =>
        $"bundle version {version} is already deployed with different content (another build of the same version); bump the version, or pass --allow-same-version";
}
