using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Pipeline;

/// <summary>Diagnostics of every file, and a bundle only when there is no error.</summary>
/// <param name="Project">The typed model the bundle was compiled from (what hosts derive other outputs from, such as the registry file); null on error.</param>
/// <param name="Syntax">The definitions as parsed, also when they have errors (the editor schemas are written from it then too).</param>
public sealed record CompileResult(IReadOnlyList<Diagnostic> Diagnostics, Bundle? Bundle, Binding.BoundProject? Project = null, Syntax.ProjectSyntax? Syntax = null)
{
    public bool Succeeded => Bundle is not null && !Diagnostics.Any(d => d.IsError);
}
