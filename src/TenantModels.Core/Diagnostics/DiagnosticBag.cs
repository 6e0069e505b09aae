using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Diagnostics;

/// <summary>Collects diagnostics from every stage; stages keep going after an error so one build reports all of them.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public bool HasErrors => _items.Any(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object[] args) =>
        _items.Add(descriptor.At(location, args));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Adds what <paramref name="other"/> holds, in its order.</summary>
    public void AddRange(DiagnosticBag other) => _items.AddRange(other._items);

    /// <summary>Sorted by file, line, column, code so output is deterministic whatever order stages ran in.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() => _items
        .Distinct()
        .OrderBy(d => d.Location.Path, System.StringComparer.Ordinal)
        .ThenBy(d => d.Location.Line)
        .ThenBy(d => d.Location.Column)
        .ThenBy(d => d.Code, System.StringComparer.Ordinal)
        .ThenBy(d => d.Message, System.StringComparer.Ordinal)
        .ToList();
}
