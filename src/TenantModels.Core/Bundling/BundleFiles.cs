using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Bundling;

/// <summary>
/// The files a bundle consists of, as its manifest lists them. Anything else found in a bundle folder's artefact
/// folders or in a <c>.tmbundle</c> was added after the build, and the bundle is refused rather than half-trusted.
/// </summary>
public static class BundleFiles
{
    /// <summary>Bundle-relative paths ('/'-separated): manifest.json, deploy.sql, every artefact file, seed data, the isolation checks.</summary>
    public static ISet<string> Listed(BundleManifest manifest)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { BundleManifest.FileName, BundleManifest.DeployScriptFileName };
        foreach (var artefact in manifest.Artefacts)
        {
            listed.Add(artefact.Path);
            foreach (var variant in artefact.TenantVariants ?? new TenantVariant[0])
            {
                listed.Add(variant.Path);
            }

            if (artefact.Seed is { } seed)
            {
                listed.Add(seed.RowsPath);
                listed.Add(seed.UpsertPath);
            }
        }

        if (manifest.Security is { } security)
        {
            listed.Add(security.ChecksPath);
        }

        foreach (var test in manifest.DataTests ?? new BundleDataTest[0])
        {
            listed.Add(test.Path);
        }

        return listed;
    }

    /// <summary>The folders the listed files live in (<c>artefacts</c>, <c>checks</c>): only the bundle's own files may be there.</summary>
    public static IReadOnlyList<string> Folders(ISet<string> listed) =>
        listed.Where(p => p.IndexOf('/') > 0).Select(p => p.Substring(0, p.IndexOf('/'))).Distinct(StringComparer.Ordinal)
            .OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static string NotListed(string relative) =>
        $"bundle file '{relative}' is not listed in the manifest: the bundle was modified after it was built";
}
