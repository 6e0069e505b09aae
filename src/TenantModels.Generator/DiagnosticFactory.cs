using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using TenantModels.Generator.Model;

namespace TenantModels.Generator;

/// <summary>Roslyn diagnostics from <see cref="DiagnosticSpec"/>s, with the same TMxxxx codes the MSBuild task reports.</summary>
internal static class DiagnosticFactory
{
    public const string Category = "TenantModels";

    private static readonly ConcurrentDictionary<(string Code, bool IsError), DiagnosticDescriptor> Descriptors = new();

    public static Diagnostic Create(DiagnosticSpec spec)
    {
        var descriptor = Descriptors.GetOrAdd((spec.Code, spec.IsError), key => new DiagnosticDescriptor(
            key.Code,
            spec.Title,
            "{0}",
            Category,
            key.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true));
        return Diagnostic.Create(descriptor, spec.Location?.ToLocation() ?? Location.None, spec.Message);
    }
}
