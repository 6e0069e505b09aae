namespace TenantModels.Testing;

/// <summary>
/// A nuget.config for a project built outside the repository: TenantModels packages only from a folder of freshly
/// packed ones (never a cached or published copy), everything else from nuget.org.
/// </summary>
public static class PackedSdkFeed
{
    public static string NugetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="packed-sdk" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="packed-sdk">
              <package pattern="TenantModels.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;
}
