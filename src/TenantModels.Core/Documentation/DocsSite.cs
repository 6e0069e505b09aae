using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>
/// Writes the documentation site of a bundle: a static folder (<c>index.html</c>, <c>assets/</c>, <c>data/</c>) that works
/// opened from the file system or served by any static host, with no network access. The page loads small global files
/// (site, tenants list, lineage, security, search) and each model's and tenant's details from their own file when shown,
/// so a site of thousands of tenants never loads everything at once. Output is deterministic.
/// </summary>
public static class DocsSite
{
    /// <summary>The file that tells a site written before (which may be replaced) from any other folder (which is not).</summary>
    public const string MarkerFile = "data/site.js";

    /// <summary>Writes into a sibling temp folder, then swaps it in, so a failed write never leaves half a site.</summary>
    /// <exception cref="IOException">The folder exists, is not empty and is not a site written before; or it cannot be written.</exception>
    /// <param name="live">Per tenant status read from a database (<c>--connection</c>); null to write none.</param>
    public static void Write(Bundle bundle, string folder, IReadOnlyList<TenantLiveStatus>? live = null)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, MarkerFile)))
        {
            // The folder is replaced whole: a mistyped -o (".", a project folder) must not delete what is there.
            throw new IOException($"'{full}' exists and is not a documentation site (it has no {MarkerFile}): it is not replaced; choose an empty or new folder");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staging = full + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        try
        {
            WriteInto(bundle, staging, live);
            BundleDirectory.Delete(full);
            Directory.Move(staging, full);
        }
        catch
        {
            BundleDirectory.Delete(staging);
            throw;
        }
    }

    private static void WriteInto(Bundle bundle, string folder, IReadOnlyList<TenantLiveStatus>? live)
    {
        var manifest = bundle.Manifest;
        var models = DocumentedModel.All(manifest);
        var graph = LineageGraph.Build(manifest);
        var security = SecurityMatrix.Build(bundle);
        SiteAssets.CopyTo(folder);
        var data = Path.Combine(folder, "data");
        WriteSite(Path.Combine(data, "site.js"), manifest, models, live is not null);
        WriteTenants(Path.Combine(data, "tenants.js"), manifest);
        WriteLineage(Path.Combine(data, "lineage.js"), graph);
        WriteSecurity(Path.Combine(data, "security.js"), security);
        WriteSearch(Path.Combine(data, "search.js"), models);
        if (live is not null)
        {
            WriteStatus(Path.Combine(data, "status.js"), live);
        }

        foreach (var model in models)
        {
            ModelData.Write(Path.Combine(data, "models", model.Name + ".js"), bundle, model, security);
        }

        foreach (var tenant in manifest.Tenants)
        {
            TenantData.Write(Path.Combine(data, "tenants", tenant.Id + ".js"), bundle, tenant);
        }
    }

    private static void WriteSite(string path, BundleManifest manifest, IReadOnlyList<DocumentedModel> models, bool hasStatus) =>
        ScriptFile.Write(path, "TM.site = ", ";", w =>
        {
            w.WriteStartObject();
            w.WriteString("project", manifest.Project);
            w.WriteString("version", manifest.BundleVersion);
            w.WriteString("contentHash", manifest.ContentHash);
            ScriptFile.WriteNullable(w, "toolchainVersion", manifest.ToolchainVersion);
            ScriptFile.WriteNullable(w, "databasePattern", manifest.DatabasePattern);
            ScriptFile.WriteNullable(w, "isolation", manifest.Security?.Isolation);
            w.WriteBoolean("status", hasStatus);
            w.WriteStartArray("sources");
            foreach (var source in manifest.Sources)
            {
                w.WriteStartObject();
                w.WriteString("name", source.Name);
                w.WriteString("raw", source.RawSchemaPattern);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            ScriptFile.WriteStrings(w, "attributes", (manifest.Attributes ?? Array.Empty<BundleAttribute>()).Select(a => a.Name + " " + a.Type));
            w.WriteStartArray("models");
            foreach (var model in models)
            {
                w.WriteStartObject();
                w.WriteString("name", model.Name);
                w.WriteString("kind", model.Kind);
                w.WriteNumber("columns", model.Columns.Count);
                ScriptFile.WriteStrings(w, "sources", model.Sources);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>One compact row per tenant: [id, name, tier, enabled, sources]: the list and the tenant filter need no more.</summary>
    private static void WriteTenants(string path, BundleManifest manifest) =>
        ScriptFile.Write(path, "TM.tenants = ", ";", w =>
        {
            w.WriteStartArray();
            foreach (var tenant in manifest.Tenants)
            {
                w.WriteStartArray();
                w.WriteStringValue(tenant.Id);
                w.WriteStringValue(tenant.Name);
                if (tenant.Tier is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(tenant.Tier);
                }

                w.WriteBooleanValue(tenant.Enabled);
                w.WriteStartArray();
                foreach (var source in tenant.Sources)
                {
                    w.WriteStringValue(source);
                }

                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });

    private static void WriteLineage(string path, LineageGraph graph) =>
        ScriptFile.Write(path, "TM.lineage = ", ";", w =>
        {
            w.WriteStartObject();
            w.WriteString("svg", LineageSvg.Write(graph));
            w.WriteStartArray("nodes");
            foreach (var node in graph.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("id", node.Id);
                w.WriteString("kind", node.Kind);
                w.WriteString("label", node.Label);
                ScriptFile.WriteNullable(w, "model", node.Model);
                ScriptFile.WriteNullable(w, "source", node.Source);
                w.WriteString("object", node.Object);
                w.WriteString("scope", node.Scope);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("edges");
            foreach (var edge in graph.Edges)
            {
                w.WriteStartArray();
                w.WriteStringValue(edge.From);
                w.WriteStringValue(edge.To);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteSecurity(string path, SecurityMatrix security) =>
        ScriptFile.Write(path, "TM.security = ", ";", w =>
        {
            w.WriteStartObject();
            ScriptFile.WriteNullable(w, "isolation", security.Isolation);
            w.WriteStartArray("roles");
            foreach (var role in security.Roles)
            {
                w.WriteStartObject();
                w.WriteString("name", role.Name);
                w.WriteString("description", role.Description);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("entries");
            foreach (var entry in security.Entries)
            {
                SecurityJson.WriteEntry(w, entry);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>Models and columns ([kind, name, model, detail]); tenants are searched in the tenants list, already loaded.</summary>
    private static void WriteSearch(string path, IReadOnlyList<DocumentedModel> models) =>
        ScriptFile.Write(path, "TM.searchIndex = ", ";", w =>
        {
            w.WriteStartArray();
            foreach (var model in models)
            {
                WriteRow(w, "model", model.Name, model.Name, model.Kind + (model.Sources.Count > 0 ? " from " + string.Join(", ", model.Sources) : string.Empty));
                foreach (var column in model.Columns)
                {
                    WriteRow(w, "column", column.Name, model.Name, column.Type);
                }
            }

            w.WriteEndArray();
        });

    private static void WriteRow(Utf8JsonWriter w, string kind, string name, string model, string detail)
    {
        w.WriteStartArray();
        w.WriteStringValue(kind);
        w.WriteStringValue(name);
        w.WriteStringValue(model);
        w.WriteStringValue(detail);
        w.WriteEndArray();
    }

    private static void WriteStatus(string path, IReadOnlyList<TenantLiveStatus> live) =>
        ScriptFile.Write(path, "TM.status = ", ";", w =>
        {
            w.WriteStartObject();
            foreach (var status in live.OrderBy(s => s.TenantId, StringComparer.Ordinal))
            {
                w.WriteStartObject(status.TenantId);
                w.WriteString("state", status.State);
                ScriptFile.WriteNullable(w, "deployedVersion", status.DeployedVersion);
                ScriptFile.WriteStrings(w, "drift", status.Drift);
                ScriptFile.WriteNullable(w, "lastApplied", status.LastApplied);
                ScriptFile.WriteNullable(w, "lastRefreshed", status.LastRefreshed);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
}
