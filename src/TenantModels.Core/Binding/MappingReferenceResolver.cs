using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// Resolves <c>column</c> and <c>table.column</c> references within one source mapping: the base table and its
/// joins are the only tables in scope, and every referenced column must exist in the source's declared shape.
/// </summary>
internal sealed class MappingReferenceResolver
{
    private static readonly Regex QualifiedReference = new(@"\b([a-z_][a-z0-9_]*)\s*\.\s*([a-z_][a-z0-9_]*)\b", RegexOptions.CultureInvariant);
    private static readonly Regex StringLiteral = new("'(?:[^']|'')*'", RegexOptions.CultureInvariant);

    private readonly string _source;
    private readonly BoundTable _baseTable;
    private readonly Dictionary<string, BoundTable> _tables = new(System.StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics;

    public MappingReferenceResolver(string source, BoundTable baseTable, IEnumerable<BoundTable> joined, DiagnosticBag diagnostics)
    {
        _source = source;
        _baseTable = baseTable;
        _diagnostics = diagnostics;
        _tables[baseTable.Name] = baseTable;
        foreach (var table in joined)
        {
            _tables[table.Name] = table;
        }
    }

    /// <returns>The alias and column a mapping value refers to, or null (with a diagnostic).</returns>
    public (string Alias, BoundColumn Column)? Resolve(Located<string> reference)
    {
        var text = reference.Value.Trim();
        var dot = text.IndexOf('.');
        var alias = dot < 0 ? _baseTable.Name : text.Substring(0, dot).Trim();
        var columnName = dot < 0 ? text : text.Substring(dot + 1).Trim();
        return ResolveColumn(reference, alias, columnName);
    }

    /// <summary>Checks every <c>table.column</c> in a join condition (outside string literals).</summary>
    public void CheckCondition(Located<string> condition) => CheckFragment(condition, "join condition", "one boolean SQL expression");

    /// <summary>Checks a computed column's expression the same way; false (with diagnostics) when it is unusable.</summary>
    public bool CheckExpression(Located<string> expression) => CheckFragment(expression, "expr", "one SQL expression");

    private bool CheckFragment(Located<string> fragment, string key, string what)
    {
        // A literal stands for a value (a literal alone is an expression), but its text is no code to check.
        var code = StringLiteral.Replace(fragment.Value, " L ");
        if (code.Contains(";") || code.Contains("--") || code.Contains("/*") || code.Contains("'") || code.Trim().Length == 0)
        {
            // The fragment is spliced into a view definition: it must stay one expression.
            _diagnostics.Report(DefinitionDiagnostics.InvalidValue, fragment.Location, fragment.Value, key,
                what + " without ';', comments or unterminated quotes");
            return false;
        }

        var ok = true;
        foreach (Match match in QualifiedReference.Matches(code))
        {
            ok &= ResolveColumn(fragment, match.Groups[1].Value, match.Groups[2].Value) is not null;
        }

        return ok;
    }

    private (string Alias, BoundColumn Column)? ResolveColumn(Located<string> at, string alias, string columnName)
    {
        if (!_tables.TryGetValue(alias, out var table))
        {
            _diagnostics.Report(DefinitionDiagnostics.UnknownJoinReference, at.Location, at.Value, alias, _baseTable.Name,
                NameSuggestions.DidYouMean(alias, _tables.Keys));
            return null;
        }

        var column = table.Column(columnName);
        if (column is null)
        {
            _diagnostics.Report(DefinitionDiagnostics.UnknownSourceColumn, at.Location, table.Name, _source, columnName,
                NameSuggestions.DidYouMean(columnName, table.Columns.Select(c => c.Name)));
            return null;
        }

        return (alias, column);
    }
}
