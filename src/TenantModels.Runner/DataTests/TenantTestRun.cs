using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.DataTests;

/// <summary>
/// Runs the data tests of a group of tenants. Each test's query is expanded for each tenant (its id and values; the
/// runner parses none of it) and the tenants' instances run as one statement, each tagged with its tenant: a round trip
/// per test and tenant would cost minutes at 10,000 tenants. Each test runs in its own read-only transaction that is
/// rolled back: a query locks every relation it reads until its transaction ends, and one transaction for all of a
/// group's tests ran out of PostgreSQL's lock table (stock settings: about 6,400 locks for the whole server) at 250
/// tenants of ten models. A statement that fails (one tenant's object lacks a column) runs again tenant by tenant, each
/// behind a savepoint, so the error is that tenant's alone and the others still get their results.
/// </summary>
internal static class TenantTestRun
{
    /// <summary>
    /// How many tenants' instances of one test run as one statement: each reads a few relations (the tenant's object,
    /// what a view reads, a referenced model), all locked at once, and <c>--jobs</c> statements may run side by side.
    /// </summary>
    public const int TenantsPerStatement = 100;

    /// <param name="tenants">The tenants, in the order their results are reported, each with the tests that apply to it and whether the object each reads is deployed there.</param>
    public static IReadOnlyList<DataTestResult> Run(NpgsqlDataSource dataSource, Bundle bundle,
        IReadOnlyList<(BundleTenant Tenant, IReadOnlyList<(BundleDataTest Test, bool Deployed)> Tests)> tenants, int samples)
    {
        var results = new Dictionary<(string Tenant, string Test), DataTestResult>();
        using var connection = dataSource.OpenConnection();
        foreach (var test in bundle.Manifest.DataTests ?? Array.Empty<BundleDataTest>())
        {
            var instances = new List<BundleTenant>();
            foreach (var (tenant, tests) in tenants)
            {
                if (tests.FirstOrDefault(t => t.Test.Name == test.Name) is not { Test: not null } applies)
                {
                    continue;
                }

                if (applies.Deployed)
                {
                    instances.Add(tenant);
                }
                else
                {
                    results[(tenant.Id, test.Name)] = Result(tenant, test, "skipped", 0, message: $"'{test.Artefact}' is not deployed for the tenant");
                }
            }

            if (instances.Count == 0)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                readOnly.ExecuteNonQuery();
            }

            foreach (var result in RunTogether(connection, transaction, bundle, test, instances, samples))
            {
                results[(result.Tenant, test.Name)] = result;
            }

            transaction.Rollback();
        }

        return tenants.SelectMany(t => t.Tests.Select(x => results[(t.Tenant.Id, x.Test.Name)])).ToList();
    }

    private static IReadOnlyList<DataTestResult> RunTogether(NpgsqlConnection connection, NpgsqlTransaction transaction, Bundle bundle, BundleDataTest test,
        IReadOnlyList<BundleTenant> tenants, int samples)
    {
        var template = bundle.ArtefactFiles[test.Path];
        var sql = string.Join("\nUNION ALL\n", tenants.Select(t =>
            "SELECT " + SqlWriter.QuoteLiteral(t.Id) + "::text AS tm_tenant, tm_test.failing, tm_test.sample FROM (\n" + ArtefactTemplate.Expand(template, t).TrimEnd() + "\n) AS tm_test"));
        transaction.Save("tm_tests");
        try
        {
            var rows = Query(connection, transaction, sql, samples == 0 ? 1 : samples);
            transaction.Release("tm_tests");
            return tenants.Select(t => FromRows(t, test, rows.Where(r => r.Tenant == t.Id).ToList(), samples)).ToList();
        }
        catch (PostgresException)
        {
            transaction.Rollback("tm_tests");
            return tenants.Select(t => RunOne(connection, transaction, template, test, t, samples)).ToList();
        }
    }

    /// <summary>
    /// One test for one tenant on the caller's transaction, behind a savepoint: <c>check</c> runs the tests on the objects
    /// it created in its own transaction, which no other connection sees.
    /// </summary>
    public static DataTestResult RunOne(NpgsqlConnection connection, NpgsqlTransaction transaction, Bundle bundle, BundleDataTest test, BundleTenant tenant, int samples) =>
        RunOne(connection, transaction, bundle.ArtefactFiles[test.Path], test, tenant, samples);

    /// <summary>A test not run for the tenant, and why.</summary>
    public static DataTestResult Skipped(BundleTenant tenant, BundleDataTest test, string reason) => Result(tenant, test, "skipped", 0, message: reason);

    private static DataTestResult RunOne(NpgsqlConnection connection, NpgsqlTransaction transaction, string template, BundleDataTest test, BundleTenant tenant, int samples)
    {
        var sql = "SELECT " + SqlWriter.QuoteLiteral(tenant.Id) + "::text AS tm_tenant, tm_test.failing, tm_test.sample FROM (\n" + ArtefactTemplate.Expand(template, tenant).TrimEnd() + "\n) AS tm_test";
        transaction.Save("tm_test");
        try
        {
            var rows = Query(connection, transaction, sql, samples == 0 ? 1 : samples);
            transaction.Release("tm_test");
            return FromRows(tenant, test, rows, samples);
        }
        catch (PostgresException e)
        {
            transaction.Rollback("tm_test");
            return Result(tenant, test, "error", 0, message: e.MessageText, sqlState: e.SqlState);
        }
    }

    /// <remarks>With <c>--samples 0</c> one row is still read, for the count of failing rows, and not shown.</remarks>
    private static List<(string Tenant, long Failing, string Sample)> Query(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, int limit)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)limit });
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? "null" : reader.GetString(2)));
        }

        return rows;
    }

    private static DataTestResult FromRows(BundleTenant tenant, BundleDataTest test, IReadOnlyList<(string Tenant, long Failing, string Sample)> rows, int samples) =>
        rows.Count == 0
            ? Result(tenant, test, "passed", 0)
            : Result(tenant, test, "failed", rows[0].Failing, rows.Take(samples).Select(r => r.Sample).ToList());

    private static DataTestResult Result(BundleTenant tenant, BundleDataTest test, string status, long failing, IReadOnlyList<string>? samples = null, string? message = null,
        string? sqlState = null) =>
        new(tenant.Id, test.Name, test.Model, test.Column, test.Test, status, failing, samples is { Count: > 0 } ? samples : null, test.DefinedAt, message, sqlState);
}
