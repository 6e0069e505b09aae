using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Binding;

public sealed record BoundTenant(string Id, string Name, bool Enabled, IReadOnlyList<string> Sources, SourceLocation Location);
