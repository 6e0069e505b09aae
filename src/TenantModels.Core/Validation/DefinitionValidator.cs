using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Validation;

/// <summary>
/// Stage 2: rules that need no cross-references — names have the identifier shape, nothing is defined twice.
/// Returns the syntax with invalid or duplicate entries dropped, so binding reports each problem once.
/// </summary>
public static class DefinitionValidator
{
    public static ProjectSyntax Validate(ProjectSyntax project, DiagnosticBag diagnostics)
    {
        var tenants = Unique(project.Tenants.Tenants, t => t.Id, "tenant", diagnostics, DefinitionDiagnostics.DuplicateTenant)
            .Where(t => ValidTenantId(t.Id, diagnostics))
            .Select(t => t.Overrides is null ? t : t with { Overrides = t.Overrides.Select(o => o with { Tables = ValidTables(o.Tables, diagnostics) }).ToList() })
            .ToList();
        var attributeTypes = ValidColumns(project.Tenants.AttributeTypes, diagnostics);
        var sources = Unique(project.Sources.Where(s => ValidName(s.Name, "source", diagnostics)), s => s.Name, "source", diagnostics)
            .Select(s => s with { Tables = ValidTables(s.Tables, diagnostics) })
            .ToList();
        var models = Unique(project.Models.Where(m => ValidName(m.Name, "model", diagnostics)), m => m.Name, "model", diagnostics)
            .Select(m => m with { Columns = ValidColumns(m.Columns, diagnostics) })
            .ToList();
        return project with
        {
            Tenants = project.Tenants with { Tenants = tenants, AttributeTypes = attributeTypes },
            Sources = sources,
            Models = models,
        };
    }

    public static bool ValidName(Located<string> name, string what, DiagnosticBag diagnostics)
    {
        if (IdentifierRules.IsValidName(name.Value))
        {
            return true;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidName, name.Location, what, name.Value);
        return false;
    }

    private static bool ValidTenantId(Located<string> id, DiagnosticBag diagnostics)
    {
        if (IdentifierRules.IsValidName(id.Value))
        {
            return true;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidTenantId, id.Location, id.Value);
        return false;
    }

    private static IReadOnlyList<SourceTableSyntax> ValidTables(IReadOnlyList<SourceTableSyntax> tables, DiagnosticBag diagnostics) =>
        Unique(tables.Where(t => ValidName(t.Name, "table", diagnostics)), t => t.Name, "table", diagnostics)
            .Select(t => t with { Columns = ValidColumns(t.Columns, diagnostics) })
            .ToList();

    private static IReadOnlyList<ColumnSyntax> ValidColumns(IReadOnlyList<ColumnSyntax> columns, DiagnosticBag diagnostics) =>
        Unique(columns.Where(c => ValidName(c.Name, "column", diagnostics)), c => c.Name, "column", diagnostics).ToList();

    private static IEnumerable<T> Unique<T>(
        IEnumerable<T> items,
        System.Func<T, Located<string>> key,
        string what,
        DiagnosticBag diagnostics,
        DiagnosticDescriptor? descriptor = null)
    {
        var seen = new Dictionary<string, SourceLocation>();
        foreach (var item in items)
        {
            var name = key(item);
            if (seen.TryGetValue(name.Value, out var first))
            {
                if (descriptor is null)
                {
                    diagnostics.Report(DefinitionDiagnostics.DuplicateDefinition, name.Location, what, name.Value, first);
                }
                else
                {
                    diagnostics.Report(descriptor, name.Location, name.Value, first);
                }

                continue;
            }

            seen.Add(name.Value, name.Location);
            yield return item;
        }
    }
}
