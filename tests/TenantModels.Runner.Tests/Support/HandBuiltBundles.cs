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

    public static string OutreachView => """
        CREATE OR REPLACE VIEW "{{tenant}}_stg_outreach"."call" WITH (security_invoker = true) AS
        SELECT CAST("call"."id" AS bigint) AS "call_id",
               CAST("call"."created_at" AS timestamp) AS "call_created_at",
               CAST("call"."relationship_user_id" AS text) AS "user_id",
               CAST("call_disposition"."name" AS text) AS "call_disposition_name"
        FROM "{{tenant}}_raw_outreach"."call" AS "call"
        LEFT JOIN "{{tenant}}_raw_outreach"."call_disposition" AS "call_disposition"
            ON "call_disposition"."id" = "call"."relationship_call_disposition_id";
        """;

    public static string SalesloftView(string dispositionExpression = "\"call\".\"disposition\"") => $"""
        CREATE OR REPLACE VIEW "{ArtefactTemplate.TenantPlaceholder}_stg_salesloft"."call" WITH (security_invoker = true) AS
        SELECT CAST("call"."id" AS bigint) AS "call_id",
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

    public static Bundle CallAnalytics(string version = "1.0.0", string? salesloftView = null)
    {
        var branches = Tenants.Select(t => $"""
            SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('{t.Id}' AS text) AS "tenant_id"
            FROM "{t.Id}_stg_{t.Sources[0]}"."call"
            """);
        var canonical = "CREATE OR REPLACE VIEW \"canonical\".\"call\" WITH (security_invoker = true) AS\n"
            + string.Join("\nUNION ALL\n", branches) + ";\n";

        return BundleAssembler.Assemble("CallAnalytics", version, Sources, Tenants, new List<CompiledArtefact>
        {
            new("staging_schema.outreach", ArtefactKind.Schema, ArtefactScope.Tenant, "outreach",
                "CREATE SCHEMA IF NOT EXISTS \"{{tenant}}_stg_outreach\";\n", Array.Empty<string>(), "\"{{tenant}}_stg_outreach\"", null),
            new("staging_schema.salesloft", ArtefactKind.Schema, ArtefactScope.Tenant, "salesloft",
                "CREATE SCHEMA IF NOT EXISTS \"{{tenant}}_stg_salesloft\";\n", Array.Empty<string>(), "\"{{tenant}}_stg_salesloft\"", null),
            new("staging_view.outreach.call", ArtefactKind.View, ArtefactScope.Tenant, "outreach", OutreachView, new[] { "staging_schema.outreach" }, "\"{{tenant}}_stg_outreach\".\"call\"", "\"call_id\" bigint, \"call_created_at\" timestamp, \"user_id\" text, \"call_disposition_name\" text"),
            new("staging_view.salesloft.call", ArtefactKind.View, ArtefactScope.Tenant, "salesloft", salesloftView ?? SalesloftView(), new[] { "staging_schema.salesloft" }, "\"{{tenant}}_stg_salesloft\".\"call\"", "\"call_id\" bigint, \"call_created_at\" timestamp, \"user_id\" text, \"call_disposition_name\" text"),
            new("canonical_schema", ArtefactKind.Schema, ArtefactScope.Global, null, "CREATE SCHEMA IF NOT EXISTS \"canonical\";\n", Array.Empty<string>(), "\"canonical\"", null),
            new("canonical_view.call", ArtefactKind.View, ArtefactScope.Global, null, canonical,
                new[] { "canonical_schema", "staging_view.outreach.call", "staging_view.salesloft.call" }, "\"canonical\".\"call\"", null),
        });
    }

    /// <summary>Writes the bundle to a fresh temp folder, as <c>dotnet build</c> would, and returns the folder.</summary>
    public static string WriteToTemp(Bundle bundle)
    {
        var directory = System.IO.Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(bundle, directory);
        return directory;
    }
}
