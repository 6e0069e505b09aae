using System.IO;

namespace TenantModels.Core.Documentation;

/// <summary>The page, script and style of the site, embedded in this assembly: the site needs no network and no npm.</summary>
internal static class SiteAssets
{
    /// <summary>Bundle-relative path → embedded resource name.</summary>
    public static readonly (string Path, string Resource)[] Files =
    {
        ("index.html", "TenantModels.Core.Documentation.Site.index.html"),
        ("assets/site.css", "TenantModels.Core.Documentation.Site.site.css"),
        ("assets/site.js", "TenantModels.Core.Documentation.Site.site.js"),
    };

    public static void CopyTo(string folder)
    {
        foreach (var (path, resource) in Files)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var input = typeof(SiteAssets).Assembly.GetManifestResourceStream(resource)
                ?? throw new FileNotFoundException("embedded site file missing: " + resource);
            using var output = File.Create(target);
            input.CopyTo(output);
        }
    }
}
