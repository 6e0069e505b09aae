using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary><c>canonical: true | false | view | table</c> or <c>canonical: { form: table, watermark: updated_at, indexes: [[call_id]] }</c>.</summary>
internal static class CanonicalParser
{
    /// <summary>Null when the model is not canonical (absent, <c>false</c>) or the value is unreadable (reported).</summary>
    public static CanonicalSyntax? Parse(MappingReader model, DiagnosticBag diagnostics)
    {
        var node = model.Node("canonical");
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode)
        {
            var form = MappingReader.For(node, model.Path, "canonical", diagnostics, "form", "watermark", "indexes");
            if (form is null)
            {
                return null;
            }

            return new CanonicalSyntax(
                form.Scalar("form") ?? new Located<string>("view", form.Location),
                form.Scalar("watermark"),
                TableKeysParser.Parse(form, diagnostics),
                form.Location);
        }

        if (model.ScalarOf(node, "canonical") is not { } value)
        {
            return null;
        }

        return value.Value switch
        {
            "false" or "False" or "no" => null,
            "true" or "True" or "yes" => new CanonicalSyntax(new Located<string>("view", value.Location), null, null, value.Location),
            _ => new CanonicalSyntax(value, null, null, value.Location),
        };
    }
}
