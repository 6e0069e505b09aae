using System.IO;
using TenantModels.Testing;
using TenantModels.Testing.Browser;

namespace TenantModels.Docs.Tests;

/// <summary>
/// Screenshots of the site, written where a test run's artefacts go (<c>artifacts/test-results/docs-site</c>, also attached
/// to the test results). The one of the documented sample's lineage page is the picture of the README and
/// docs/docs-site.md: like a golden file, it is copied into docs/images only when accepting (TENANTMODELS_ACCEPT=1).
/// </summary>
internal static class Screenshots
{
    public const string DocumentedSample = "ShopTenants";

    public static string Folder => RepoPaths.Combine("artifacts", "test-results", "docs-site");

    public static string DocumentedPath => RepoPaths.Combine("docs", "images", "lineage.png");

    public static string Take(DevToolsPage page, string name)
    {
        var path = Path.Combine(Folder, name);
        page.Screenshot(path);
        return path;
    }

    public static void AcceptIntoDocs(string screenshot)
    {
        if (GoldenFile.Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DocumentedPath)!);
            File.Copy(screenshot, DocumentedPath, overwrite: true);
        }
    }
}
