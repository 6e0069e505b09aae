using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// A compiled project with the same model in both canonical forms — <c>call</c> as the canonical table,
/// <c>call_v</c> as the UNION ALL view — over two providers, plus <c>call_inc</c>, a table form with a watermark.
/// Tenants are <c>id:source+source</c>, in priority order.
/// </summary>
internal static class CanonicalProject
{
    private const string Sources = """
        source: outreach
        tables:
          call:
            columns:
              id: bigint
              created_at: timestamp
              relationship_user_id: text
              relationship_call_disposition_id: bigint
          call_disposition:
            columns:
              id: bigint
              name: text
        """;

    private const string Salesloft = """
        source: salesloft
        tables:
          call:
            columns:
              id: bigint
              created_at: text
              user_id: text
              disposition: text
        """;

    private const string Mapping = """
        columns:
          call_id: { type: bigint, nullable: false }
          call_created_at: timestamp
          user_id: text
          call_disposition_name: text
        from:
          outreach:
            table: call
            join:
              call_disposition: "call_disposition.id = call.relationship_call_disposition_id"
            columns:
              call_id: id
              call_created_at: created_at
              user_id: relationship_user_id
              call_disposition_name: call_disposition.name
          salesloft:
            table: call
            columns:
              call_id: id
              call_created_at: created_at
              user_id: user_id
              call_disposition_name: disposition
        """;

    public static Bundle Compile(string version, params string[] tenants) => Compile(version, withChannel: false, tenants);

    public static Bundle Compile(string version, bool withChannel, params string[] tenants) => Compile(version, withChannel, "view", tenants);

    /// <param name="withChannel">Adds a column <c>channel</c> (a constant per source) to <c>call</c> and <c>call_v</c>: a column change of the canonical model.</param>
    /// <param name="viewModelForm">The canonical form of <c>call_v</c> (view, or table to switch it).</param>
    public static Bundle Compile(string version, bool withChannel, string viewModelForm, params string[] tenants)
    {
        var mapping = withChannel
            ? Mapping.Replace("  call_disposition_name: text\n", "  call_disposition_name: text\n  channel: text\n")
                .Replace("      call_disposition_name: call_disposition.name", "      call_disposition_name: call_disposition.name\n      channel: { expr: \"lower('email')\" }")
                .Replace("      call_disposition_name: disposition", "      call_disposition_name: disposition\n      channel: { expr: \"lower('phone')\" }")
            : Mapping;
        var registry = "tenants:\n" + string.Concat(tenants.Select((t, i) =>
            $"  - id: {t.Split(':')[0]}\n    priority: {i + 1}\n    sources: [{string.Join(", ", t.Split(':')[1].Split('+'))}]\n"));
        var files = new List<(string, string)>
        {
            ("tenants.yaml", registry),
            ("sources/outreach.yaml", Sources),
            ("sources/salesloft.yaml", Salesloft),
            ("models/call.yaml", "model: call\n" + mapping + "\ncanonical: table\n"),
            ("models/call_v.yaml", "model: call_v\n" + mapping + "\ncanonical: " + viewModelForm + "\n"),
            ("models/call_inc.yaml", """
                model: call_inc
                columns:
                  call_id: bigint
                  user_id: text
                from:
                  outreach:
                    table: call
                    columns:
                      call_id: id
                      user_id: relationship_user_id
                canonical: { form: table, watermark: call_id }
                """),
        };
        var result = ModelProjectCompiler.Compile(new ProjectInput("Canonical", version, files.Select(f => new DefinitionFile(f.Item1, f.Item1, f.Item2)).ToList()));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bundle!;
    }

    /// <summary>A tenant's raw tables as a connector lands them, with a few rows (ids from <paramref name="firstId"/>).</summary>
    public static string RawData(string tenant, string source, int firstId, int rows)
    {
        var schema = $"\"{tenant}_raw_{source}\"";
        var values = string.Join(", ", Enumerable.Range(firstId, rows).Select(i => source == "outreach"
            ? $"({i}, TIMESTAMP '2024-01-01' + interval '{i} minutes', 'u{i % 3}', {i % 2})"
            : $"({i}, '2024-02-01 10:{i % 60:00}:00', 'U{i % 3}', 'disp{i % 2}')"));
        var tables = source == "outreach"
            ? $"CREATE TABLE IF NOT EXISTS {schema}.call (id bigint, created_at timestamp, relationship_user_id text, relationship_call_disposition_id bigint);"
              + $"CREATE TABLE IF NOT EXISTS {schema}.call_disposition (id bigint, name text);"
              + $"INSERT INTO {schema}.call_disposition SELECT g, 'disposition ' || g FROM generate_series(0, 1) g WHERE NOT EXISTS (SELECT FROM {schema}.call_disposition);"
            : $"CREATE TABLE IF NOT EXISTS {schema}.call (id bigint, created_at text, user_id text, disposition text);";
        return $"CREATE SCHEMA IF NOT EXISTS {schema};" + tables + (rows > 0 ? $"INSERT INTO {schema}.call VALUES {values};" : string.Empty);
    }

    /// <summary>Every row of a canonical object for one tenant (or all), in one order, so two forms compare as multisets.</summary>
    public static string[] Rows(string db, string relation, string? tenant = null) => Db.Rows(db,
        $"SELECT call_id, call_created_at, user_id, call_disposition_name, tenant_id FROM canonical.{relation}"
        + (tenant is null ? string.Empty : $" WHERE tenant_id = '{tenant}'") + " ORDER BY 5, 1, 2, 3, 4");
}
