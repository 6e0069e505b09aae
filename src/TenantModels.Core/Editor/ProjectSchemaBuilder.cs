using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TenantModels.Core.Editor;

/// <summary>
/// Builds the project-specific JSON Schemas: each one is the SDK's generic schema for its kind of file (by
/// <c>$ref</c> to the file beside its folder) plus the names this project defines, as enums where a definition refers
/// to them. Editors then complete model, column, source, table and tenant names and flag unknown ones.
/// </summary>
/// <remarks>
/// Only type-specific keywords (<c>properties</c>, <c>items</c>, <c>propertyNames</c>) are added, so each constraint
/// applies to the form of a value that holds names and never rejects another valid form (canonical: true, an index
/// written as a list or as a mapping). Column names depend on the model, so they are added per model, under
/// <c>if model is X</c>. An empty list adds nothing: an enum of nothing would reject every name.
/// </remarks>
public static class ProjectSchemaBuilder
{
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";

    public static JsonObject Model(ProjectNames names)
    {
        var project = new JsonObject();
        var modelNames = names.Models.Select(m => m.Name).ToList();
        if (names.Sources.Count > 0)
        {
            project["from"] = new JsonObject
            {
                ["propertyNames"] = Enum(names.Sources.Select(s => s.Name)),
                ["properties"] = Properties(names.Sources, s => s.Name, SourceMapping),
            };
        }

        if (modelNames.Count > 0)
        {
            project["foreign_keys"] = new JsonObject
            {
                ["items"] = Conditional(
                    new JsonObject { ["properties"] = new JsonObject { ["references"] = Enum(modelNames) } },
                    "references",
                    names.Models,
                    model => new JsonObject { ["properties"] = new JsonObject { ["to"] = new JsonObject { ["items"] = ColumnEnum(model) } } }),
            };
            project["tests"] = RelationshipTests(names);
            project["columns"] = new JsonObject
            {
                ["additionalProperties"] = new JsonObject { ["properties"] = new JsonObject { ["tests"] = RelationshipTests(names) } },
            };
        }

        var allOf = new JsonArray(Generic("model.schema.json"), new JsonObject { ["properties"] = project });
        foreach (var model in names.Models.Where(m => m.Columns.Count > 0))
        {
            allOf.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["model"] = new JsonObject { ["const"] = model.Name } },
                    ["required"] = new JsonArray("model"),
                },
                ["then"] = new JsonObject { ["properties"] = ModelColumns(model) },
            });
        }

        var schema = Schema("TenantModels model (models/*.yaml), with this project's names", allOf);
        // Each model's column list once; the dozen places that take one of its columns refer to it.
        var definitions = new JsonObject();
        foreach (var model in names.Models.Where(m => m.Columns.Count > 0))
        {
            definitions[ColumnsDefinition(model)] = new JsonObject
            {
                ["enum"] = new JsonArray(model.Columns.Select(c => (JsonNode?)JsonValue.Create(c.Name)).ToArray()),
                ["enumDescriptions"] = new JsonArray(model.Columns.Select(c => (JsonNode?)JsonValue.Create(ColumnDescription(model, c))).ToArray()),
            };
        }

        if (definitions.Count > 0)
        {
            schema["definitions"] = definitions;
        }

        return schema;
    }

    public static JsonObject Tenants(ProjectNames names)
    {
        var allOf = new JsonArray(Generic("tenants.schema.json"));
        if (names.Sources.Count > 0)
        {
            var sources = new JsonObject { ["items"] = Enum(names.Sources.Select(s => s.Name)) };
            allOf.Add(new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["defaults"] = new JsonObject { ["properties"] = new JsonObject { ["sources"] = sources.DeepClone() } },
                    ["tenants"] = new JsonObject { ["items"] = new JsonObject { ["properties"] = new JsonObject { ["sources"] = sources } } },
                },
            });
        }

        return Schema("TenantModels tenant registry (tenants.yaml), with this project's names", allOf);
    }

    public static JsonObject Settings(ProjectNames names)
    {
        var allOf = new JsonArray(Generic("tenantmodels.schema.json"));
        if (names.Tenants.Count > 0)
        {
            allOf.Add(new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["waves"] = new JsonObject
                    {
                        ["items"] = new JsonObject { ["properties"] = new JsonObject { ["tenants"] = new JsonObject { ["items"] = Enum(names.Tenants) } } },
                    },
                },
            });
        }

        return Schema("TenantModels project settings (tenantmodels.yaml), with this project's names", allOf);
    }

    /// <summary>Nothing in a source file refers to other definitions; written so that every kind of file has its project schema.</summary>
    public static JsonObject Source(ProjectNames names) =>
        Schema("TenantModels source (sources/*.yaml), with this project's names", new JsonArray(Generic("source.schema.json")));

    /// <summary>One source's entry under a model's <c>from</c>: its tables, as the base table and as joins.</summary>
    private static JsonObject SourceMapping(SourceNames source)
    {
        if (source.Tables.Count == 0)
        {
            return new JsonObject();
        }

        var tables = source.Tables.Select(t => t.Name).ToList();
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["table"] = Enum(tables),
                ["join"] = new JsonObject
                {
                    ["propertyNames"] = Enum(tables),
                    ["properties"] = Properties(source.Tables, t => t.Name, t => new JsonObject { ["description"] = $"Table {t.Name} of source {source.Name}." }),
                },
            },
        };
    }

    /// <summary>Where a model refers to its own columns: keys, indexes, the canonical form's watermark, mapping targets.</summary>
    private static JsonObject ModelColumns(NamedColumns model)
    {
        var column = ColumnEnum(model);
        return new JsonObject
        {
            ["primary_key"] = new JsonObject { ["items"] = column.DeepClone() },
            ["unique"] = new JsonObject { ["items"] = new JsonObject { ["items"] = column.DeepClone() } },
            ["indexes"] = Indexes(column),
            ["foreign_keys"] = new JsonObject
            {
                ["items"] = new JsonObject { ["properties"] = new JsonObject { ["columns"] = new JsonObject { ["items"] = column.DeepClone() } } },
            },
            ["canonical"] = new JsonObject
            {
                ["properties"] = new JsonObject { ["watermark"] = column.DeepClone(), ["indexes"] = Indexes(column) },
            },
            ["from"] = new JsonObject
            {
                ["additionalProperties"] = new JsonObject
                {
                    ["properties"] = new JsonObject
                    {
                        ["columns"] = new JsonObject
                        {
                            ["propertyNames"] = column.DeepClone(),
                            ["properties"] = Properties(model.Columns, c => c.Name, c => new JsonObject { ["description"] = ColumnDescription(model, c) }),
                        },
                    },
                },
            },
            ["tests"] = new JsonObject
            {
                ["items"] = new JsonObject
                {
                    ["properties"] = new JsonObject
                    {
                        ["unique"] = new JsonObject { ["properties"] = new JsonObject { ["columns"] = new JsonObject { ["items"] = column.DeepClone() } } },
                    },
                },
            },
        };
    }

    /// <summary>An index is a list of columns or <c>{ columns: [...] }</c>: <c>items</c> reaches the first, <c>properties</c> the second.</summary>
    private static JsonObject Indexes(JsonObject column) => new()
    {
        ["items"] = new JsonObject
        {
            ["items"] = column.DeepClone(),
            ["properties"] = new JsonObject { ["columns"] = new JsonObject { ["items"] = column.DeepClone() } },
        },
    };

    /// <summary>A relationships test names another model and one of its columns.</summary>
    private static JsonObject RelationshipTests(ProjectNames names) => new()
    {
        ["items"] = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["relationships"] = Conditional(
                    new JsonObject { ["properties"] = new JsonObject { ["to"] = Enum(names.Models.Select(m => m.Name)) } },
                    "to",
                    names.Models,
                    model => new JsonObject { ["properties"] = new JsonObject { ["column"] = ColumnEnum(model) } }),
            },
        },
    };

    /// <summary><paramref name="schema"/>, plus for each model: if <paramref name="key"/> names it, <paramref name="then"/>.</summary>
    private static JsonObject Conditional(JsonObject schema, string key, IEnumerable<NamedColumns> models, System.Func<NamedColumns, JsonObject> then)
    {
        var branches = new JsonArray();
        foreach (var model in models.Where(m => m.Columns.Count > 0))
        {
            branches.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { [key] = new JsonObject { ["const"] = model.Name } },
                    ["required"] = new JsonArray(key),
                },
                ["then"] = then(model),
            });
        }

        if (branches.Count > 0)
        {
            schema["allOf"] = branches;
        }

        return schema;
    }

    /// <summary>One of the model's columns: a reference to its list in the schema's definitions.</summary>
    private static JsonObject ColumnEnum(NamedColumns model) => new() { ["$ref"] = "#/definitions/" + ColumnsDefinition(model) };

    // Model names are PostgreSQL names ([a-z][a-z0-9_]*): nothing to escape in a JSON pointer.
    private static string ColumnsDefinition(NamedColumns model) => "columns_of_" + model.Name;

    private static string ColumnDescription(NamedColumns model, ColumnName column) => $"{column.Type} column of model {model.Name}.";

    private static JsonObject Enum(IEnumerable<string> values) => new()
    {
        ["enum"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
    };

    private static JsonObject Properties<T>(IEnumerable<T> items, System.Func<T, string> name, System.Func<T, JsonObject> schema)
    {
        var properties = new JsonObject();
        foreach (var item in items)
        {
            properties[name(item)] = schema(item);
        }

        return properties;
    }

    /// <summary>The generic schema sits one folder up: project schemas are written to a <c>project/</c> folder inside the schema folder.</summary>
    private static JsonObject Generic(string fileName) => new() { ["$ref"] = "../" + fileName };

    private static JsonObject Schema(string title, JsonArray allOf) => new()
    {
        ["$schema"] = Draft07,
        ["$comment"] = "Written by the build from this project's definition files (docs/editors.md); rebuilt on every build, do not edit.",
        ["title"] = title,
        ["allOf"] = allOf,
    };
}
