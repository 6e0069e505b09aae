using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.CodeModel;

/// <summary>Every definition and compile diagnostic descriptor by code, so hosts can show a title next to a code.</summary>
public static class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, DiagnosticDescriptor>> ByCode = new(() =>
        new[] { typeof(DefinitionDiagnostics), typeof(CompileDiagnostics) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .GroupBy(d => d.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    public static IEnumerable<DiagnosticDescriptor> All => ByCode.Value.Values.OrderBy(d => d.Code, StringComparer.Ordinal);

    /// <summary>The descriptor's title, or the code itself for a code this catalog does not list.</summary>
    public static string TitleOf(string code) => ByCode.Value.TryGetValue(code, out var descriptor) ? descriptor.Title : code;
}
