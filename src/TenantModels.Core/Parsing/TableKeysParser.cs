using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// <c>primary_key: [id]</c>, <c>unique: [[email]]</c>, <c>indexes: [[created_at], { columns: [a, b], unique: true }]</c>,
/// <c>foreign_keys: [{ columns: [org_id], references: organizations, to: [id], on_delete: cascade }]</c>.
/// </summary>
internal static class TableKeysParser
{
    public static TableKeysSyntax? Parse(MappingReader model, DiagnosticBag diagnostics)
    {
        if (new[] { "primary_key", "unique", "indexes", "foreign_keys" }.All(k => model.Node(k) is null))
        {
            return null;
        }

        var unique = model.Sequence("unique").Select(n => Names(model, n, "unique", diagnostics)).ToList();
        var indexes = new List<IndexSyntax>();
        foreach (var node in model.Sequence("indexes"))
        {
            if (node is YamlSequenceNode)
            {
                indexes.Add(new IndexSyntax(Names(model, node, "indexes", diagnostics), false, YamlLocation.Of(model.Path, node)));
                continue;
            }

            var index = MappingReader.For(node, model.Path, "index", diagnostics, "columns", "unique");
            if (index is not null)
            {
                indexes.Add(new IndexSyntax(NamesOf(index, "columns", diagnostics), index.Boolean("unique", false), index.Location));
            }
        }

        var foreignKeys = new List<ForeignKeySyntax>();
        foreach (var node in model.Sequence("foreign_keys"))
        {
            var fk = MappingReader.For(node, model.Path, "foreign key", diagnostics, "columns", "references", "to", "on_delete");
            var references = fk?.Scalar("references", required: true);
            if (fk is not null && references is not null)
            {
                foreignKeys.Add(new ForeignKeySyntax(
                    NamesOf(fk, "columns", diagnostics), references.Value, fk.Node("to") is null ? new Located<string>[0] : NamesOf(fk, "to", diagnostics),
                    fk.Scalar("on_delete"), fk.Location));
            }
        }

        var primaryKey = model.Node("primary_key") is null ? new Located<string>[0] : NamesOf(model, "primary_key", diagnostics);
        return new TableKeysSyntax(primaryKey, unique, indexes, foreignKeys, model.Location);
    }

    private static IReadOnlyList<Located<string>> NamesOf(MappingReader reader, string key, DiagnosticBag diagnostics)
    {
        var names = reader.ScalarList(key);
        if (reader.Node(key) is not null && names.Count == 0 && reader.Node(key) is YamlSequenceNode)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidValue, YamlLocation.Of(reader.Path, reader.Node(key)!), "[]", key, "at least one column");
        }

        return names;
    }

    private static IReadOnlyList<Located<string>> Names(MappingReader reader, YamlNode node, string key, DiagnosticBag diagnostics)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, YamlLocation.Of(reader.Path, node), key + " entry", "a non-empty list of column names");
            return new Located<string>[0];
        }

        return sequence.Children.Select(c => reader.ScalarOf(c, key + " column")).Where(c => c is not null).Select(c => c!.Value).ToList();
    }
}
