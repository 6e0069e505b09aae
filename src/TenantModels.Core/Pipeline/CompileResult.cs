using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Pipeline;

/// <summary>Diagnostics of every file, and a bundle only when there is no error.</summary>
public sealed record CompileResult(IReadOnlyList<Diagnostic> Diagnostics, Bundle? Bundle)
{
    public bool Succeeded => Bundle is not null && !Diagnostics.Any(d => d.IsError);
}
