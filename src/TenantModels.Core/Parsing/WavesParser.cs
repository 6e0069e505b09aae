using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Parsing;

/// <summary>Reads <c>waves:</c> of tenantmodels.yaml: a list of rollout waves, each a mapping.</summary>
internal static class WavesParser
{
    private static readonly string[] Keys = { "name", "tenants", "tier", "where", "jobs", "on_error" };

    public static IReadOnlyList<WaveSyntax> Parse(MappingReader file, string path, DiagnosticBag diagnostics)
    {
        var waves = new List<WaveSyntax>();
        foreach (var item in file.Sequence("waves"))
        {
            var wave = MappingReader.For(item, path, "wave", diagnostics, Keys);
            if (wave is null)
            {
                continue;
            }

            var where = new List<KeyValuePair<Located<string>, Located<string>>>();
            foreach (var entry in wave.Entries("where"))
            {
                if (wave.ScalarOf(entry.Value, entry.Key.Value) is { } value)
                {
                    where.Add(new(entry.Key, value));
                }
            }

            waves.Add(new WaveSyntax(
                wave.Scalar("name", required: true),
                wave.Node("tenants") is null ? new Located<string>[0] : wave.ScalarList("tenants"),
                wave.Scalar("tier"),
                where,
                wave.Scalar("jobs"),
                wave.Scalar("on_error"),
                wave.Location));
        }

        return waves;
    }
}
