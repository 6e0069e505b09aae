using System;

namespace TenantModels.Core.Planning;

/// <summary>Whether a bundle may replace the one last deployed: never an older version; the same version only with the same content.</summary>
public static class BundleVersionGate
{
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
