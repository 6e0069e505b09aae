using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.DataTests;

/// <summary>
/// Runs one tenant's data tests in one read-only transaction that is rolled back: each test's query expanded for the
/// tenant (its id and values; the runner parses none of it), in its own savepoint so a query that fails is reported and
/// the others still run, with the sample limit as its one parameter.
/// </summary>
internal static class TenantTestRun
{
    /// <param name="tests">The tests that apply to the tenant, with whether the object each reads is deployed for it.</param>
    public static IReadOnlyList<DataTestResult> Run(NpgsqlDataSource dataSource, Bundle bundle, BundleTenant tenant,
        IReadOnlyList<(BundleDataTest Test, bool Deployed)> tests, int samples)
    {
        var results = new List<DataTestResult>(tests.Count);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            readOnly.ExecuteNonQuery();
        }

        foreach (var (test, deployed) in tests)
        {
            if (!deployed)
            {
                results.Add(Result(tenant, test, "skipped", 0, message: $"'{test.Artefact}' is not deployed for the tenant"));
                continue;
            }

            results.Add(RunOne(connection, transaction, bundle, tenant, test, samples));
        }

        transaction.Rollback();
        return results;
    }

    private static DataTestResult RunOne(NpgsqlConnection connection, NpgsqlTransaction transaction, Bundle bundle, BundleTenant tenant, BundleDataTest test, int samples)
    {
        transaction.Save("tm_test");
        try
        {
            using var command = new NpgsqlCommand(ArtefactTemplate.Expand(bundle.ArtefactFiles[test.Path], tenant), connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = (long)samples });
            using var reader = command.ExecuteReader();
            long failing = 0;
            var rows = new List<string>();
            while (reader.Read())
            {
                failing = reader.GetInt64(0);
                rows.Add(reader.IsDBNull(1) ? "null" : reader.GetString(1));
            }

            reader.Close();
            if (failing == 0 && rows.Count == 0 && samples == 0)
            {
                // With no samples asked for, LIMIT 0 returns no row at all: count the failing rows on their own.
                failing = CountWithoutSamples(connection, transaction, bundle, tenant, test);
            }

            transaction.Release("tm_test");
            return failing == 0 ? Result(tenant, test, "passed", 0) : Result(tenant, test, "failed", failing, rows);
        }
        catch (PostgresException e)
        {
            transaction.Rollback("tm_test");
            return Result(tenant, test, "error", 0, message: e.MessageText, sqlState: e.SqlState);
        }
    }

    private static long CountWithoutSamples(NpgsqlConnection connection, NpgsqlTransaction transaction, Bundle bundle, BundleTenant tenant, BundleDataTest test)
    {
        using var command = new NpgsqlCommand(ArtefactTemplate.Expand(bundle.ArtefactFiles[test.Path], tenant), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = 1L });
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    private static DataTestResult Result(BundleTenant tenant, BundleDataTest test, string status, long failing, IReadOnlyList<string>? samples = null, string? message = null,
        string? sqlState = null) =>
        new(tenant.Id, test.Name, test.Model, test.Column, test.Test, status, failing, samples is { Count: > 0 } ? samples : null, test.DefinedAt, message, sqlState);
}
