using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// A bundle assembled by hand with the SQL the compiler emits for samples/CallAnalytics, so the runner is tested
/// independently of the compiler (and of its progress).
/// </summary>
internal static class HandBuiltBundles
{
    public static readonly BundleTenant[] Tenants =
    {
        new(CallAnalyticsData.Javi, "Javi's org", true, new[] { "outreach" }),
        new(CallAnalyticsData.Pablo, "Pablo's workspace", true, new[] { "salesloft" }),
        new(CallAnalyticsData.Acme, "Acme", true, new[] { "outreach" }),
    };

    public static string OutreachView => OutreachViewWith("bigint");

    /// <param name="callIdType">The type call_id is cast to: changing it changes the view's signature.</param>
    public static string OutreachViewWith(string callIdType) => $"""
        CREATE OR REPLACE VIEW "{ArtefactTemplate.TenantPlaceholder}_stg_outreach"."call" WITH (security_invoker = true) AS
        SELECT CAST("call"."id" AS {callIdType}) AS "call_id",
               CAST("call"."created_at" AS timestamp) AS "call_created_at",
               CAST("call"."relationship_user_id" AS text) AS "user_id",
               CAST("call_disposition"."name" AS text) AS "call_disposition_name"
        FROM "{ArtefactTemplate.TenantPlaceholder}_raw_outreach"."call" AS "call"
        LEFT JOIN "{ArtefactTemplate.TenantPlaceholder}_raw_outreach"."call_disposition" AS "call_disposition"
            ON "call_disposition"."id" = "call"."relationship_call_disposition_id";
        """;

    public static string SalesloftView(string dispositionExpression = "\"call\".\"disposition\"", string callIdType = "bigint") => $"""
        CREATE OR REPLACE VIEW "{ArtefactTemplate.TenantPlaceholder}_stg_salesloft"."call" WITH (security_invoker = true) AS
        SELECT CAST("call"."id" AS {callIdType}) AS "call_id",
               CAST("call"."created_at" AS timestamp) AS "call_created_at",
               CAST("call"."user_id" AS text) AS "user_id",
               CAST({dispositionExpression} AS text) AS "call_disposition_name"
        FROM "{ArtefactTemplate.TenantPlaceholder}_raw_salesloft"."call" AS "call";
        """;

    public static readonly IReadOnlyList<BundleSource> Sources = new[]
    {
        new BundleSource("outreach", "<tenant>_raw_outreach"),
        new BundleSource("salesloft", "<tenant>_raw_salesloft"),
    };

    /// <summary>The sample as the compiler emits it: per-tenant staging schemas and views, and canonical.call as a union template.</summary>
    /// <param name="callIdType">call_id's type in every view; anything but bigint changes every signature.</param>
    /// <param name="tenants">Defaults to <see cref="Tenants"/>.</param>
    /// <param name="project">The project's name: the same SQL under another name is another project's bundle.</param>
    /// <param name="attributes">The tenant attributes the registry declares (the tenants carry their values).</param>
    public static Bundle CallAnalytics(string version = "1.0.0", string? salesloftView = null, string callIdType = "bigint", IReadOnlyList<BundleTenant>? tenants = null, string project = "CallAnalytics",
        IReadOnlyList<BundleAttribute>? attributes = null, IReadOnlyList<TenantModels.Core.Waves.BundleWave>? waves = null)
    {
        var columns = "\"call_id\", \"call_created_at\", \"user_id\", \"call_disposition_name\"";
        var branch = (string source) => new KeyValuePair<string, string>(source,
            $"SELECT {columns}, CAST('{ArtefactTemplate.TenantPlaceholder}' AS text) AS \"tenant_id\" FROM \"{ArtefactTemplate.TenantPlaceholder}_stg_{source}\".\"call\"");
        var canonical = new UnionTemplate(
            "CREATE OR REPLACE VIEW \"canonical\".\"call\" WITH (security_invoker = true) AS",
            new[] { branch("outreach"), branch("salesloft") },
            $"SELECT CAST(NULL AS {callIdType}) AS \"call_id\", CAST(NULL AS timestamp) AS \"call_created_at\", CAST(NULL AS text) AS \"user_id\", CAST(NULL AS text) AS \"call_disposition_name\", CAST(NULL AS text) AS \"tenant_id\" WHERE false");
        var signature = $"\"call_id\" {callIdType}, \"call_created_at\" timestamp, \"user_id\" text, \"call_disposition_name\" text";

        return BundleAssembler.Assemble(project, version, Sources, tenants ?? Tenants, new List<CompiledArtefact>
        {
            new("staging_schema.outreach", ArtefactKind.Schema, ArtefactScope.Tenant, "outreach",
                "CREATE SCHEMA IF NOT EXISTS \"{{tenant}}_stg_outreach\";\n", Array.Empty<string>(), "\"{{tenant}}_stg_outreach\"", null),
            new("staging_schema.salesloft", ArtefactKind.Schema, ArtefactScope.Tenant, "salesloft",
                "CREATE SCHEMA IF NOT EXISTS \"{{tenant}}_stg_salesloft\";\n", Array.Empty<string>(), "\"{{tenant}}_stg_salesloft\"", null),
            new("staging_view.outreach.call", ArtefactKind.View, ArtefactScope.Tenant, "outreach", OutreachViewWith(callIdType), new[] { "staging_schema.outreach" }, "\"{{tenant}}_stg_outreach\".\"call\"", signature),
            new("staging_view.salesloft.call", ArtefactKind.View, ArtefactScope.Tenant, "salesloft", salesloftView ?? SalesloftView(callIdType: callIdType), new[] { "staging_schema.salesloft" }, "\"{{tenant}}_stg_salesloft\".\"call\"", signature),
            new("canonical_schema", ArtefactKind.Schema, ArtefactScope.Global, null, "CREATE SCHEMA IF NOT EXISTS \"canonical\";\n", Array.Empty<string>(), "\"canonical\"", null),
            new("canonical_view.call", ArtefactKind.View, ArtefactScope.Union, null, canonical.Write(),
                new[] { "canonical_schema", "staging_view.outreach.call", "staging_view.salesloft.call" }, "\"canonical\".\"call\"", signature + ", \"tenant_id\" text"),
        }, attributes: attributes, waves: waves);
    }

    /// <summary>Writes the bundle to a fresh temp folder, as <c>dotnet build</c> would, and returns the folder.</summary>
    public static string WriteToTemp(Bundle bundle)
    {
        var directory = System.IO.Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(bundle, directory);
        return directory;
    }
}
