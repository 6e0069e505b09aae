using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Connection;

/// <summary>Either a usable connection string (and where it came from, for messages) or the diagnostic explaining why not.</summary>
internal sealed record ConnectionResolution(string? ConnectionString, string? Database, Diagnostic? Error)
{
    public static ConnectionResolution Failed(Diagnostic error) => new(null, null, error);
}
