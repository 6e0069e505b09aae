using System.Collections.Generic;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Pipeline;

/// <summary>The typed model and every diagnostic of every stage, without producing SQL text; what the source generator hosts.</summary>
/// <remarks>The project is bound as far as it could be: entries with errors are left out of it.</remarks>
public sealed record AnalysisResult(BoundProject Project, IReadOnlyList<Diagnostic> Diagnostics);
