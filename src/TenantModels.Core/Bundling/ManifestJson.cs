using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace TenantModels.Core.Bundling;

/// <summary>
/// manifest.json in both directions. Writing is hand-rolled so the build task and the generator never load
/// System.Text.Json (hosts ship their own versions) and so the bytes are fixed: key order, indentation, escapes.
/// </summary>
public static class ManifestJson
{
    public static string Write(BundleManifest manifest)
    {
        using var text = new System.IO.StringWriter(CultureInfo.InvariantCulture);
        Write(manifest, text);
        return text.ToString();
    }

    /// <summary>
    /// The manifest's text, handed to <paramref name="output"/> in pieces: at 10,000 tenants it is over a megabyte, and
    /// the build hashes it twice and writes it once, each without holding it whole.
    /// </summary>
    public static void Write(BundleManifest manifest, System.IO.TextWriter output)
    {
        var json = new StringBuilder(FlushAt * 2);
        json.Append("{\n");
        Property(json, 1, "formatVersion", manifest.FormatVersion.ToString(CultureInfo.InvariantCulture), last: false);
        Property(json, 1, "toolchainVersion", manifest.ToolchainVersion is null ? "null" : Str(manifest.ToolchainVersion), last: false);
        Property(json, 1, "definitionsSchemaVersion", manifest.DefinitionsSchemaVersion.ToString(CultureInfo.InvariantCulture), last: false);
        Property(json, 1, "project", Str(manifest.Project), last: false);
        Property(json, 1, "bundleVersion", Str(manifest.BundleVersion), last: false);
        Property(json, 1, "contentHash", Str(manifest.ContentHash), last: false);
        if (manifest.DeployChecksum is { } deployChecksum)
        {
            // Absent from format 1 manifests and from the text the content hash is computed over.
            Property(json, 1, "deployChecksum", Str(deployChecksum), last: false);
        }

        Property(json, 1, "databasePattern", manifest.DatabasePattern is null ? "null" : Str(manifest.DatabasePattern), last: false);
        if (manifest.Distribution is { } distribution)
        {
            // Only for a Citus bundle, so bundles for one server keep their exact bytes.
            Property(json, 1, "distribution", Str(distribution), last: false);
        }

        json.Append("  \"sources\": [");
        AppendItems(json, manifest.Sources, (sb, s) =>
            sb.Append("{ \"name\": ").Append(Str(s.Name)).Append(", \"rawSchema\": ").Append(Str(s.RawSchemaPattern)).Append(" }"));
        json.Append("],\n");
        var declarations = manifest.TenantValues ?? Array.Empty<TenantValueDeclaration>();
        if (declarations.Count > 0)
        {
            // Only written when the SQL uses per-tenant values, so other bundles keep their exact bytes.
            json.Append("  \"tenantValues\": [");
            AppendItems(json, declarations, TenantValuesJson.WriteDeclaration);
            json.Append("],\n");
        }

        json.Append("  \"tenants\": [");
        AppendItems(json, output, manifest.Tenants, (sb, t) =>
        {
            sb.Append("{ \"id\": ").JsonString(t.Id)
              .Append(", \"name\": ").JsonString(t.Name)
              .Append(", \"enabled\": ").Append(t.Enabled ? "true" : "false")
              .Append(", \"sources\": ").JsonStrings(t.Sources)
              .Append(", \"priority\": ").Append(t.Priority.ToString(CultureInfo.InvariantCulture));
            if (t.Database is null)
            {
                sb.Append(", \"database\": null");
            }
            else
            {
                sb.Append(", \"database\": ").JsonString(t.Database);
            }

            if (declarations.Count > 0)
            {
                TenantValuesJson.WriteValues(sb, t, declarations);
            }

            // Tier and attribute values only when set, so bundles of registries without them keep their exact bytes.
            if (t.Tier is not null)
            {
                sb.Append(", \"tier\": ").JsonString(t.Tier);
            }

            if (t.Attributes is { Count: > 0 } values)
            {
                sb.Append(", \"attributes\": { ")
                  .Append(string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => Str(v.Key) + ": " + Str(v.Value)).ToArray()))
                  .Append(" }");
            }

            sb.Append(" }");
        });
        json.Append("],\n");
        if (manifest.Attributes is { Count: > 0 } declared)
        {
            json.Append("  \"attributes\": [");
            AppendItems(json, declared, (sb, a) => sb.Append("{ \"name\": ").Append(Str(a.Name)).Append(", \"type\": ").Append(Str(a.Type)).Append(" }"));
            json.Append("],\n");
        }

        if (manifest.Waves is { Count: > 0 } waves)
        {
            json.Append("  \"waves\": [");
            AppendItems(json, waves, WavesJson.Write);
            json.Append("],\n");
        }

        if (manifest.Descriptions is { Count: > 0 } descriptions)
        {
            // Only written when some model or column has one, so other bundles keep their exact bytes.
            json.Append("  \"descriptions\": [");
            AppendItems(json, descriptions, (sb, d) =>
            {
                sb.Append("{ \"model\": ").Append(Str(d.Model)).Append(", \"description\": ").Append(d.Description is null ? "null" : Str(d.Description))
                  .Append(", \"columns\": {");
                for (var i = 0; i < d.Columns.Count; i++)
                {
                    sb.Append(i == 0 ? " " : ", ").Append(Str(d.Columns[i].Key)).Append(": ").Append(Str(d.Columns[i].Value));
                }

                sb.Append(d.Columns.Count == 0 ? "} }" : " } }");
            });
            json.Append("],\n");
        }

        if (manifest.Schedules is { Count: > 0 } schedules)
        {
            // Only written when some model has a schedule, so other bundles keep their exact bytes.
            json.Append("  \"schedules\": [");
            AppendItems(json, schedules, SchedulesJson.Write);
            json.Append("],\n");
            json.Append("  \"scheduleTenants\": [");
            AppendItems(json, manifest.ScheduleTenants ?? Array.Empty<ScheduleTenant>(), SchedulesJson.Write);
            json.Append("],\n");
        }

        json.Append("  \"artefacts\": [");
        AppendItems(json, output, manifest.Artefacts, (sb, a) =>
        {
            sb.Append("{ \"id\": ").Append(Str(a.Id))
              .Append(", \"kind\": ").Append(Str(KindName(a.Kind)))
              .Append(", \"scope\": ").Append(Str(ScopeName(a.Scope)))
              .Append(", \"source\": ").Append(a.Source is null ? "null" : Str(a.Source))
              .Append(", \"path\": ").Append(Str(a.Path))
              .Append(", \"checksum\": ").Append(Str(a.Checksum))
              .Append(", \"dependsOn\": ").Append(StrArray(a.DependsOn))
              .Append(", \"object\": ").Append(Str(a.Object))
              .Append(", \"signature\": ").Append(a.Signature is null ? "null" : Str(a.Signature));
            if (a.RenamedColumns is { Count: > 0 } renames)
            {
                // Only written when declared, so bundles without renames keep their exact bytes.
                sb.Append(", \"renamedColumns\": { ")
                  .Append(string.Join(", ", renames.Select(r => Str(r.Column) + ": " + StrArray(r.From)).ToArray()))
                  .Append(" }");
            }

            if (a.Seed is { } seed)
            {
                sb.Append(", \"seed\": { \"columns\": ").Append(StrArray(seed.Columns))
                  .Append(", \"rows\": ").Append(Str(seed.RowsPath)).Append(", \"rowsChecksum\": ").Append(Str(seed.RowsChecksum))
                  .Append(", \"upsert\": ").Append(Str(seed.UpsertPath)).Append(", \"upsertChecksum\": ").Append(Str(seed.UpsertChecksum)).Append(" }");
            }

            if (a.Table is { } table)
            {
                sb.Append(", \"table\": ");
                TableDefinitionJson.Write(sb, table);
            }

            // The desired security as data: only on artefacts of a secured project, so other bundles keep their exact bytes.
            if (a.Security is { } objectSecurity)
            {
                sb.Append(", \"security\": ");
                SecurityStateJson.Write(sb, objectSecurity);
            }

            if (a.Roles is { } roles)
            {
                sb.Append(", \"roles\": ");
                SecurityStateJson.WriteRoles(sb, roles);
            }

            if (a.TenantVariants is { } variants)
            {
                // Only on artefacts some tenant overrides, so other artefacts keep their exact bytes.
                sb.Append(", \"tenantVariants\": [")
                  .Append(string.Join(", ", variants.Select(v =>
                      "{ \"tenant\": " + Str(v.Tenant) + ", \"path\": " + Str(v.Path) + ", \"checksum\": " + Str(v.Checksum) + " }").ToArray()))
                  .Append(']');
            }

            if (a.DefinedAt is { } definedAt)
            {
                // Only on artefacts of SQL models, so other artefacts keep their exact bytes.
                sb.Append(", \"definedAt\": ").Append(Str(definedAt));
            }

            if (a.SqlAt is { } sqlAt)
            {
                // Only when the model's sql: maps line for line onto the YAML, so other artefacts keep their exact bytes.
                sb.Append(", \"sqlAt\": ").Append(Str(sqlAt));
            }

            sb.Append(" }");
        });
        if (manifest.DataTests is { Count: > 0 } tests)
        {
            json.Append("],\n");
            json.Append("  \"dataTests\": [");
            AppendItems(json, tests, (sb, t) =>
            {
                sb.Append("{ \"name\": ").Append(Str(t.Name))
                  .Append(", \"model\": ").Append(Str(t.Model))
                  .Append(", \"column\": ").Append(t.Column is null ? "null" : Str(t.Column))
                  .Append(", \"test\": ").Append(Str(t.Test))
                  .Append(", \"source\": ").Append(t.Source is null ? "null" : Str(t.Source))
                  .Append(", \"artefact\": ").Append(Str(t.Artefact))
                  .Append(", \"path\": ").Append(Str(t.Path))
                  .Append(", \"checksum\": ").Append(Str(t.Checksum));
                if (t.DefinedAt is { } at)
                {
                    sb.Append(", \"definedAt\": ").Append(Str(at));
                }

                sb.Append(" }");
            });
        }

        if (manifest.Security is { } security)
        {
            json.Append("],\n");
            json.Append("  \"security\": { \"isolation\": ").Append(Str(security.Isolation))
                .Append(", \"owner\": ").Append(Str(security.Owner))
                .Append(", \"admin\": ").Append(Str(security.Admin))
                .Append(", \"app\": ").Append(Str(security.App))
                .Append(", \"schema\": ").Append(Str(security.Schema))
                .Append(", \"tenantRoles\": [")
                .Append(string.Join(", ", security.TenantRoles.Select(r =>
                    "{ \"kind\": " + Str(r.Kind) + ", \"pattern\": " + Str(r.Pattern) + ", \"group\": " + Str(r.Group) + " }").ToArray()))
                .Append("], \"checks\": ").Append(Str(security.ChecksPath))
                .Append(", \"checksChecksum\": ").Append(Str(security.ChecksChecksum)).Append(" }\n}\n");
            Flush(json, output);
            return;
        }

        json.Append("]\n}\n");
        Flush(json, output);
    }

    private static void Flush(StringBuilder json, System.IO.TextWriter output)
    {
        output.Write(json.ToString());
        json.Clear();
    }

    private static IReadOnlyList<ColumnRename>? ReadRenames(JsonElement artefact) =>
        artefact.TryGetProperty("renamedColumns", out var renames)
            ? renames.EnumerateObject().Select(r => new ColumnRename(r.Name, r.Value.EnumerateArray().Select(s => s.GetString()!).ToList())).ToList()
            : null;

    /// <exception cref="FormatException">The text is not a manifest this version understands.</exception>
    public static BundleManifest Read(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var format = root.GetProperty("formatVersion").GetInt32();
            if (format is < BundleManifest.OldestReadableFormatVersion or > BundleManifest.NewestReadableFormatVersion)
            {
                var writer = root.TryGetProperty("toolchainVersion", out var v) && v.ValueKind == JsonValueKind.String ? $" (written by TenantModels {v.GetString()})" : string.Empty;
                throw new FormatException(
                    $"bundle format {format}{writer} is not supported by this runner, TenantModels {BundleManifest.CurrentToolchainVersion}, which reads formats {BundleManifest.OldestReadableFormatVersion} to {BundleManifest.NewestReadableFormatVersion}; "
                    + (format > BundleManifest.NewestReadableFormatVersion ? "install a newer runner" : "rebuild the bundle with this version"));
            }

            var deployChecksum = root.TryGetProperty("deployChecksum", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (deployChecksum is null && format >= 2)
            {
                // Only bundles written before deploy.sql had a checksum may come without one.
                throw new FormatException($"manifest.json of bundle format {format} has no deployChecksum (the checksum of {BundleManifest.DeployScriptFileName})");
            }

            var sources = root.GetProperty("sources").EnumerateArray().Select(s => new BundleSource(
                s.GetProperty("name").GetString()!,
                s.GetProperty("rawSchema").GetString()!)).ToList();
            var declarations = TenantValuesJson.ReadDeclarations(root);
            var tenants = root.GetProperty("tenants").EnumerateArray().Select(t => new BundleTenant(
                t.GetProperty("id").GetString()!,
                t.GetProperty("name").GetString()!,
                t.GetProperty("enabled").GetBoolean(),
                t.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList(),
                t.GetProperty("priority").GetInt32(),
                t.GetProperty("database").ValueKind == JsonValueKind.Null ? null : t.GetProperty("database").GetString(),
                TenantValuesJson.ReadValues(t, declarations),
                t.TryGetProperty("tier", out var tier) ? tier.GetString() : null,
                t.TryGetProperty("attributes", out var values)
                    ? values.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()!, StringComparer.Ordinal)
                    : null)).ToList();
            var declared = root.TryGetProperty("attributes", out var attributes)
                ? attributes.EnumerateArray().Select(a => new BundleAttribute(a.GetProperty("name").GetString()!, a.GetProperty("type").GetString()!)).ToList()
                : null;
            var artefacts = root.GetProperty("artefacts").EnumerateArray().Select(a => new BundleArtefact(
                a.GetProperty("id").GetString()!,
                ParseKind(a.GetProperty("kind").GetString()!),
                ParseScope(a.GetProperty("scope").GetString()!),
                a.GetProperty("source").ValueKind == JsonValueKind.Null ? null : a.GetProperty("source").GetString(),
                a.GetProperty("path").GetString()!,
                a.GetProperty("checksum").GetString()!,
                a.GetProperty("dependsOn").EnumerateArray().Select(s => s.GetString()!).ToList(),
                a.GetProperty("object").GetString()!,
                a.GetProperty("signature").ValueKind == JsonValueKind.Null ? null : a.GetProperty("signature").GetString(),
                ReadRenames(a),
                a.TryGetProperty("table", out var table) ? TableDefinitionJson.Read(table) : null,
                a.TryGetProperty("seed", out var seed) ? ReadSeed(seed) : null,
                a.TryGetProperty("definedAt", out var definedAt) && definedAt.ValueKind == JsonValueKind.String ? definedAt.GetString() : null,
                a.TryGetProperty("tenantVariants", out var variants) ? ReadVariants(variants) : null,
                a.TryGetProperty("sqlAt", out var sqlAt) && sqlAt.ValueKind == JsonValueKind.String ? sqlAt.GetString() : null,
                a.TryGetProperty("security", out var objectSecurity) ? SecurityStateJson.Read(objectSecurity) : null,
                a.TryGetProperty("roles", out var roles) ? SecurityStateJson.ReadRoles(roles) : null)).ToList();
            return new BundleManifest(
                format,
                root.GetProperty("project").GetString()!,
                root.GetProperty("bundleVersion").GetString()!,
                root.GetProperty("contentHash").GetString()!,
                sources,
                tenants,
                artefacts,
                root.GetProperty("databasePattern").ValueKind == JsonValueKind.Null ? null : root.GetProperty("databasePattern").GetString(),
                root.GetProperty("toolchainVersion").ValueKind == JsonValueKind.Null ? null : root.GetProperty("toolchainVersion").GetString(),
                root.GetProperty("definitionsSchemaVersion").GetInt32(),
                root.TryGetProperty("security", out var security) && security.ValueKind == JsonValueKind.Object ? ReadSecurity(security) : null,
                deployChecksum,
                declarations,
                declared,
                root.TryGetProperty("waves", out var waves) ? WavesJson.Read(waves) : null,
                root.TryGetProperty("distribution", out var distribution) && distribution.ValueKind == JsonValueKind.String ? distribution.GetString() : null,
                root.TryGetProperty("dataTests", out var tests) ? ReadDataTests(tests) : null,
                root.TryGetProperty("descriptions", out var descriptions) ? ReadDescriptions(descriptions) : null,
                root.TryGetProperty("schedules", out var schedules) ? SchedulesJson.ReadSchedules(schedules) : null,
                root.TryGetProperty("scheduleTenants", out var scheduleTenants) ? SchedulesJson.ReadTenants(scheduleTenants) : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("manifest.json is not a valid TenantModels manifest: " + e.Message, e);
        }
    }

    private static IReadOnlyList<BundleDataTest> ReadDataTests(JsonElement tests) => tests.EnumerateArray().Select(t => new BundleDataTest(
        t.GetProperty("name").GetString()!,
        t.GetProperty("model").GetString()!,
        t.GetProperty("column").ValueKind == JsonValueKind.Null ? null : t.GetProperty("column").GetString(),
        t.GetProperty("test").GetString()!,
        t.GetProperty("source").ValueKind == JsonValueKind.Null ? null : t.GetProperty("source").GetString(),
        t.GetProperty("artefact").GetString()!,
        t.GetProperty("path").GetString()!,
        t.GetProperty("checksum").GetString()!,
        t.TryGetProperty("definedAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null)).ToList();

    private static IReadOnlyList<TenantVariant> ReadVariants(JsonElement variants) => variants.EnumerateArray().Select(v => new TenantVariant(
        v.GetProperty("tenant").GetString()!,
        v.GetProperty("path").GetString()!,
        v.GetProperty("checksum").GetString()!)).ToList();

    private static BundleSeed ReadSeed(JsonElement seed) => new(
        seed.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList(),
        seed.GetProperty("rows").GetString()!,
        seed.GetProperty("rowsChecksum").GetString()!,
        seed.GetProperty("upsert").GetString()!,
        seed.GetProperty("upsertChecksum").GetString()!);

    private static BundleSecurity ReadSecurity(JsonElement security) => new(
        security.GetProperty("isolation").GetString()!,
        security.GetProperty("owner").GetString()!,
        security.GetProperty("admin").GetString()!,
        security.GetProperty("app").GetString()!,
        security.GetProperty("schema").GetString()!,
        security.GetProperty("tenantRoles").EnumerateArray().Select(r => new BundleTenantRole(
            r.GetProperty("kind").GetString()!,
            r.GetProperty("pattern").GetString()!,
            r.GetProperty("group").GetString()!)).ToList(),
        security.GetProperty("checks").GetString()!,
        security.GetProperty("checksChecksum").GetString()!);

    public static string KindName(ArtefactKind kind) => kind switch
    {
        ArtefactKind.Schema => "schema",
        ArtefactKind.View => "view",
        ArtefactKind.Table => "table",
        ArtefactKind.MaterializedView => "materialized_view",
        ArtefactKind.Seed => "seed",
        ArtefactKind.Roles => "roles",
        ArtefactKind.Grants => "grants",
        ArtefactKind.Partition => "partition",
        ArtefactKind.Refresh => "refresh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ScopeName(ArtefactScope scope) => scope switch
    {
        ArtefactScope.Global => "global",
        ArtefactScope.Tenant => "tenant",
        ArtefactScope.Union => "union",
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>Inverts <see cref="KindName"/>.</summary>
    /// <exception cref="FormatException">Not a kind this version knows.</exception>
    public static ArtefactKind ParseKind(string text) => text switch
    {
        "schema" => ArtefactKind.Schema,
        "view" => ArtefactKind.View,
        "table" => ArtefactKind.Table,
        "materialized_view" => ArtefactKind.MaterializedView,
        "seed" => ArtefactKind.Seed,
        "roles" => ArtefactKind.Roles,
        "grants" => ArtefactKind.Grants,
        "partition" => ArtefactKind.Partition,
        "refresh" => ArtefactKind.Refresh,
        _ => throw new FormatException($"unknown artefact kind '{text}'"),
    };

    /// <summary>Inverts <see cref="ScopeName"/>.</summary>
    /// <exception cref="FormatException">Not a scope this version knows.</exception>
    public static ArtefactScope ParseScope(string text) => text switch
    {
        "global" => ArtefactScope.Global,
        "tenant" => ArtefactScope.Tenant,
        "union" => ArtefactScope.Union,
        _ => throw new FormatException($"unknown artefact scope '{text}'"),
    };

    private static void Property(StringBuilder json, int depth, string name, string value, bool last)
    {
        json.Append(' ', depth * 2).Append(Str(name)).Append(": ").Append(value).Append(last ? "\n" : ",\n");
    }

    private static IReadOnlyList<ModelDescription> ReadDescriptions(JsonElement descriptions) =>
        descriptions.EnumerateArray().Select(d => new ModelDescription(
            d.GetProperty("model").GetString()!,
            d.GetProperty("description").ValueKind == JsonValueKind.Null ? null : d.GetProperty("description").GetString(),
            d.GetProperty("columns").EnumerateObject().Select(c => new KeyValuePair<string, string>(c.Name, c.Value.GetString()!)).ToList())).ToList();

    /// <summary>The length past which the text so far goes to the output, so the builder stays one small chunk.</summary>
    private const int FlushAt = 1 << 14;

    private static void AppendItems<T>(StringBuilder json, IReadOnlyList<T> items, Action<StringBuilder, T> write) =>
        AppendItems(json, null, items, write);

    private static void AppendItems<T>(StringBuilder json, System.IO.TextWriter? output, IReadOnlyList<T> items, Action<StringBuilder, T> write)
    {
        if (items.Count == 0)
        {
            return;
        }

        json.Append('\n');
        for (var i = 0; i < items.Count; i++)
        {
            json.Append("    ");
            write(json, items[i]);
            json.Append(i < items.Count - 1 ? ",\n" : "\n");
            if (output is not null && json.Length >= FlushAt)
            {
                Flush(json, output);
            }
        }

        json.Append("  ");
    }

    private static string StrArray(IReadOnlyList<string> values) =>
        new StringBuilder().JsonStrings(values).ToString();

    internal static string Str(string value) =>
        NeedsEscape(value) ? new StringBuilder(value.Length + 8).JsonString(value).ToString() : "\"" + value + "\"";

    /// <summary>Appends <paramref name="value"/> as a JSON string, escaped, in place (no string per value).</summary>
    internal static StringBuilder JsonString(this StringBuilder sb, string value)
    {
        sb.Append('"');
        if (!NeedsEscape(value))
        {
            return sb.Append(value).Append('"');
        }

        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"');
    }

    /// <summary>Appends a JSON array of strings, as <c>["a", "b"]</c>.</summary>
    internal static StringBuilder JsonStrings(this StringBuilder sb, IReadOnlyList<string> values)
    {
        sb.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            (i == 0 ? sb : sb.Append(", ")).JsonString(values[i]);
        }

        return sb.Append(']');
    }

    private static bool NeedsEscape(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return true;
            }
        }

        return false;
    }
}
