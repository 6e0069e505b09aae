using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TenantModels.Core.Bundling;

/// <summary>
/// The bundle's <c>deploy.sql</c>: every artefact expanded for every enabled tenant, in execution order, for
/// <c>psql -1 -f</c>. It grows with models × tenants, so it is streamed to its writer instance by instance rather than
/// built in memory, and it carries no checksums (the runner plans from the templates, never from this file).
/// </summary>
public static class DeployScript
{
    public static void Write(BundleManifest manifest, Func<BundleArtefact, string> sqlOf, TextWriter writer)
    {
        writer.Write("-- TenantModels deploy script for ");
        writer.Write(manifest.Project);
        writer.Write(' ');
        writer.Write(manifest.BundleVersion);
        if (manifest.FormatVersion == 1)
        {
            // Format 1 scripts named the content hash; since format 2 the manifest covers deploy.sql by its own checksum,
            // and the script names no more than it is made of, so a tenant's new name leaves it byte for byte the same.
            writer.Write("\n-- ");
            writer.Write(manifest.ContentHash);
        }

        var tenants = manifest.Tenants.Where(t => t.Enabled).ToList();
        // Refresh artefacts are run by the runner's refresh command, never by a deployment.
        var deployed = manifest.Artefacts.Where(a => a.Kind != ArtefactKind.Refresh).ToList();
        if (IsPerDatabase(manifest))
        {
            WritePerDatabase(manifest, deployed, sqlOf, tenants, writer);
            return;
        }

        writer.Write("\n-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql\n");
        var citus = CitusDeployScript.For(manifest);
        if (citus is not null)
        {
            CitusDeployScript.WriteHeader(writer);
        }

        foreach (var artefact in deployed)
        {
            citus?.Before(writer, artefact);
            WriteArtefact(writer, artefact, sqlOf(artefact), tenants, sqlOf);
        }

        if (citus is not null)
        {
            CitusDeployScript.WriteFooter(writer);
        }
    }

    /// <summary>
    /// Database isolation: no one database can hold two tenants (their security artefacts refuse it), so the script
    /// connects to each tenant's database in turn (psql's <c>\connect</c>) and applies there what the runner applies
    /// through a server target: the global artefacts, the tenant's own, and unions over that tenant only.
    /// </summary>
    public static bool IsPerDatabase(BundleManifest manifest) =>
        manifest.Security?.Isolation == "database" && manifest.DatabasePattern is not null;

    private static void WritePerDatabase(BundleManifest manifest, IReadOnlyList<BundleArtefact> artefacts, Func<BundleArtefact, string> sqlOf, IReadOnlyList<BundleTenant> tenants, TextWriter writer)
    {
        writer.Write("\n-- Database per tenant: run with psql -v ON_ERROR_STOP=1 -f deploy.sql (without -1) connected to any database of the\n");
        writer.Write("-- server. Each tenant's database is created when missing, then applied in one transaction of its own.\n");
        var templates = artefacts.Select(a => (Artefact: a, Sql: sqlOf(a))).ToList();
        foreach (var tenant in tenants)
        {
            // Names are validated lower-case identifiers, so neither the literal nor psql's argument needs escaping.
            var database = manifest.DatabaseOf(tenant.Id)!;
            writer.Write("\n-- database ");
            writer.Write(database);
            writer.Write(" (tenant ");
            writer.Write(tenant.Id);
            writer.Write(")\n");
            writer.Write("SELECT 'CREATE DATABASE ");
            writer.Write(database);
            writer.Write("' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '");
            writer.Write(database);
            writer.Write("')\\gexec\n\\connect ");
            writer.Write(database);
            writer.Write("\nBEGIN;\n");
            var one = new[] { tenant };
            foreach (var (artefact, sql) in templates)
            {
                WriteArtefact(writer, artefact, sql, one, sqlOf);
            }

            writer.Write("\nCOMMIT;\n");
        }
    }

    private static void WriteArtefact(TextWriter writer, BundleArtefact artefact, string sql, IReadOnlyList<BundleTenant> tenants, Func<BundleArtefact, string> sqlOf)
    {
        switch (artefact.Scope)
        {
            case ArtefactScope.Global:
                Instance(writer, artefact, null, sql);
                break;
            case ArtefactScope.Union:
                var union = UnionTemplate.Parse(sql);
                if (union.Footer.EndsWith("\n", StringComparison.Ordinal))
                {
                    // Never from Parse (it trims), but then only the string form gives the same trimmed bytes.
                    Instance(writer, artefact, null, union.Expand(tenants));
                    break;
                }

                // The expansion ends in ";\n" or the footer and "\n", exactly what trimming and one '\n' give.
                Header(writer, artefact, null);
                union.WriteExpanded(writer, tenants);
                break;
            case ArtefactScope.Tenant when ArtefactTemplate.IsPerSourceTemplate(artefact.Kind) && artefact.TenantVariants is null
                && OneTenantUnion.TryCreate(sql) is { } partition:
                foreach (var tenant in tenants.Where(t => ArtefactExpander.AppliesTo(artefact, t)))
                {
                    Header(writer, artefact, tenant.Id);
                    if (!partition.TryWrite(writer, tenant))
                    {
                        writer.Write(ArtefactTemplate.ExpandFor(artefact, sql, tenant).TrimEnd('\n'));
                    }

                    writer.Write('\n');
                }

                break;
            case ArtefactScope.Tenant when ArtefactTemplate.IsPerSourceTemplate(artefact.Kind) || artefact.TenantVariants is not null
                || (artefact.Kind != ArtefactKind.Seed && TenantValues.Occur(sql)):
                // Per-tenant values are written by the string form, and so are tenants' own statements (overrides).
                var variants = artefact.VariantsByTenant();
                var parsed = new Dictionary<string, UnionTemplate>(StringComparer.Ordinal);
                UnionTemplate Parse(string template) =>
                    parsed.TryGetValue(template, out var union) ? union : parsed[template] = UnionTemplate.Parse(template);
                foreach (var tenant in tenants.Where(t => ArtefactExpander.AppliesTo(artefact, t)))
                {
                    Instance(writer, artefact, tenant.Id, ArtefactTemplate.ExpandFor(artefact, variants.TryGetValue(tenant.Id, out var own) ? sqlOf(own) : sql, tenant, Parse));
                }

                break;
            default:
                // Trimming the template before expanding equals trimming each expansion: a tenant id never ends in '\n'.
                var parts = ArtefactTemplate.Split(sql.TrimEnd('\n'));
                foreach (var tenant in tenants.Where(t => ArtefactExpander.AppliesTo(artefact, t)))
                {
                    Header(writer, artefact, tenant.Id);
                    ArtefactTemplate.WriteExpanded(writer, parts, tenant.Id);
                    writer.Write('\n');
                }

                break;
        }
    }

    /// <summary>
    /// A checksum of everything <see cref="Write"/> reads: the manifest without what never reaches deploy.sql (tenants'
    /// names, priorities, tiers and attributes — the SQL gets those it uses as values —, waves, schedules, data tests,
    /// descriptions, the content hash, deploy.sql's own checksum), artefact files included through their checksums. Equal
    /// keys give equal scripts, so a build whose edit left the key unchanged keeps the previous deploy.sql
    /// (<see cref="DeployScriptReuse"/>) instead of expanding and rewriting it. DeployScriptReuseTests changes each
    /// left-out field of every compiler case and checks that the script does not change.
    /// </summary>
    /// <remarks>The compiler's own build is part of the key: the same definitions compiled by changed code are written again.</remarks>
    public static string InputKey(BundleManifest manifest) =>
        Checksums.OfWritten(text =>
        {
            text.Write(typeof(DeployScript).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "\n");
            ManifestJson.Write(WithoutWhatScriptsIgnore(manifest), text);
        });

    internal static BundleManifest WithoutWhatScriptsIgnore(BundleManifest manifest) => manifest with
    {
        ContentHash = manifest.FormatVersion == 1 ? manifest.ContentHash : string.Empty,
        DeployChecksum = null,
        Tenants = manifest.Tenants.Select(t => t with { Name = string.Empty, Priority = 0, Tier = null, Attributes = null }).ToList(),
        Attributes = null,
        Waves = null,
        DataTests = null,
        Descriptions = null,
        Schedules = null,
        ScheduleTenants = null,
    };

    public static string ToText(BundleManifest manifest, Func<BundleArtefact, string> sqlOf)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(manifest, sqlOf, writer);
        return writer.ToString();
    }

    private static void Instance(TextWriter writer, BundleArtefact artefact, string? tenantId, string sql)
    {
        Header(writer, artefact, tenantId);
        writer.Write(sql.TrimEnd('\n'));
        writer.Write('\n');
    }

    private static void Header(TextWriter writer, BundleArtefact artefact, string? tenantId)
    {
        writer.Write("\n-- ");
        writer.Write(artefact.Id);
        if (tenantId is not null)
        {
            writer.Write(" (tenant ");
            writer.Write(tenantId);
            writer.Write(')');
        }

        writer.Write('\n');
    }
}
