using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

public sealed record BundleTenant(string Id, string Name, bool Enabled, IReadOnlyList<string> Sources);
