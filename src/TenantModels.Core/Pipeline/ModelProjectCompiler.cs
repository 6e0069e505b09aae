using System;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Pipeline;

/// <summary>The whole pipeline: parse → validate → bind → compile → bundle. Every host calls this.</summary>
public static class ModelProjectCompiler
{
    public static CompileResult Compile(ProjectInput input)
    {
        var diagnostics = new DiagnosticBag();
        // Stub until the stages land: an empty bundle.
        var bundle = BundleAssembler.Assemble(input.ProjectName, input.Version, Array.Empty<BundleTenant>(), Array.Empty<CompiledArtefact>());
        return new CompileResult(diagnostics.ToSortedList(), diagnostics.HasErrors ? null : bundle);
    }
}
