using System.Collections.Generic;
using System.IO;
using System.Linq;
using Json.Schema;

namespace TenantModels.Core.Tests.SchemaSupport;

/// <summary>One shipped schema evaluated by JsonSchema.Net (a maintained draft-07 implementation) over YAML text.</summary>
internal sealed class SchemaEvaluator
{
    private readonly JsonSchema _schema;

    private SchemaEvaluator(JsonSchema schema) => _schema = schema;

    public static SchemaEvaluator Load(string path) => new(JsonSchema.FromText(File.ReadAllText(path)));

    /// <returns>Whether the YAML is valid, and every error as (instance location as a JSON pointer, message).</returns>
    public (bool IsValid, IReadOnlyList<(string Location, string Message)> Errors) Evaluate(string yaml)
    {
        var results = _schema.Evaluate(YamlJson.Of(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? new List<EvaluationResults>()).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (d.InstanceLocation.ToString(), $"{e.Key}: {e.Value}")))
            .Distinct()
            .ToList();
        return (results.IsValid, errors);
    }

    /// <summary><c>$.tenants[0].id</c> (the paths of the tests' expectations) as a JSON pointer, <c>/tenants/0/id</c>.</summary>
    public static string Pointer(string path) =>
        path == "$" ? string.Empty : System.Text.RegularExpressions.Regex.Replace(path.Substring(1), @"\.|\[(\d+)\]", m => "/" + m.Groups[1].Value);
}
