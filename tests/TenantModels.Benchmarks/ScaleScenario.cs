using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace TenantModels.Benchmarks;

/// <summary>
/// Writes a model project at scale: two sources (outreach, salesloft) with one raw table per model, N tenants
/// spread over them, and M models of eight columns of varied types, every other one canonical — as views
/// (<c>canonical: true</c>, the default, the form every published figure was measured with) or as tables
/// (<c>canonical: table</c>, one table indexed on <c>tenant_id</c>).
/// </summary>
public static class ScaleScenario
{
    public const string EditedModel = "models/m_0000.yaml";

    /// <summary>The value written after <c>canonical:</c> in the canonical models.</summary>
    public const string ViewForm = "true";

    /// <inheritdoc cref="ViewForm"/>
    public const string TableForm = "table";

    /// <param name="canonicalForm"><see cref="ViewForm"/> (default) or <see cref="TableForm"/>.</param>
    public static string Write(string directory, int tenants, int models, string canonicalForm = ViewForm)
    {
        Directory.CreateDirectory(Path.Combine(directory, "sources"));
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        File.WriteAllText(Path.Combine(directory, "tenants.yaml"), Tenants(tenants));
        foreach (var source in new[] { "outreach", "salesloft" })
        {
            File.WriteAllText(Path.Combine(directory, "sources", source + ".yaml"), Source(source, models));
        }

        for (var i = 0; i < models; i++)
        {
            File.WriteAllText(Path.Combine(directory, "models", ModelName(i) + ".yaml"), Model(i, nullable: true, canonicalForm));
        }

        return directory;
    }

    public static string TempDirectory(int tenants, int models) =>
        Path.Combine(Path.GetTempPath(), "tenantmodels-bench", FormattableString.Invariant($"t{tenants}-m{models}-{Guid.NewGuid():N}"));

    public static string ModelName(int index) => "m_" + index.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>The text of a model file; <paramref name="nullable"/>=false is the "edit" the incremental benchmark makes.</summary>
    public static string Model(int index, bool nullable, string canonicalForm = ViewForm)
    {
        var name = ModelName(index);
        var text = new StringBuilder()
            .Append("model: ").Append(name).Append('\n')
            .Append("materialized: view\nscope: tenant\ncolumns:\n")
            .Append("  id: { type: bigint, nullable: false }\n")
            .Append("  created_at: timestamptz\n")
            .Append("  label: { type: text, nullable: ").Append(nullable ? "true" : "false").Append(" }\n")
            .Append("  amount: numeric(12,2)\n")
            .Append("  active: boolean\n")
            .Append("  day: date\n")
            .Append("  uid: uuid\n")
            .Append("  tags: \"text[]\"\n")
            .Append("from:\n");
        foreach (var source in new[] { "outreach", "salesloft" })
        {
            text.Append("  ").Append(source).Append(":\n    table: ").Append(name).Append("\n    columns:\n");
            foreach (var column in new[] { "id", "created_at", "label", "amount", "active", "day", "uid", "tags" })
            {
                text.Append("      ").Append(column).Append(": ").Append(column).Append('\n');
            }
        }

        return text.Append("canonical: ").Append(index % 2 == 0 ? canonicalForm : "false").Append('\n').ToString();
    }

    private static string Tenants(int count)
    {
        var text = new StringBuilder("tenants:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("  - id: tenant_").Append(i.ToString("00000", CultureInfo.InvariantCulture)).Append('\n')
                .Append("    name: Tenant ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("    sources: [").Append(i % 3 == 0 ? "outreach, salesloft" : i % 3 == 1 ? "outreach" : "salesloft").Append("]\n");
        }

        return text.ToString();
    }

    private static string Source(string source, int models)
    {
        var text = new StringBuilder("source: ").Append(source).Append("\ntables:\n");
        for (var i = 0; i < models; i++)
        {
            text.Append("  ").Append(ModelName(i)).Append(":\n    columns:\n")
                .Append("      id: bigint\n      created_at: timestamptz\n      label: text\n      amount: numeric\n")
                .Append("      active: boolean\n      day: date\n      uid: uuid\n      tags: \"text[]\"\n");
        }

        return text.ToString();
    }
}
