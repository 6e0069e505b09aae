using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <param name="Priority">Lower is processed first.</param>
/// <param name="Database">Target database key (resolved by a target map); null for the default target.</param>
public sealed record BundleTenant(string Id, string Name, bool Enabled, IReadOnlyList<string> Sources, int Priority = 100, string? Database = null);
