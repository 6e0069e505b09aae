using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner;
using TenantModels.Testing;

namespace TenantModels.Samples.Tests;

/// <summary>
/// A sample compiled into a bundle and applied by the runner's real command line (in-process) to a fresh database
/// that holds the sample's raw connector data (<c>demo/raw-data.sql</c>, when it has some).
/// </summary>
internal sealed class SampleDeployment : IDisposable
{
    private readonly string _bundleDirectory;

    private SampleDeployment(string connectionString, string bundleDirectory, Bundle bundle)
    {
        ConnectionString = connectionString;
        _bundleDirectory = bundleDirectory;
        Bundle = bundle;
    }

    public string ConnectionString { get; }

    public Bundle Bundle { get; }

    public string BundlePath => _bundleDirectory;

    public static SampleDeployment Apply(string sample)
    {
        var directory = RepoPaths.Combine("samples", sample);
        var result = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(directory, sample, "1.0.0"));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var bundleDirectory = Path.Combine(Path.GetTempPath(), "tm-sample-" + Guid.NewGuid().ToString("N"));
        BundleDirectory.Write(result.Bundle!, bundleDirectory);

        var connectionString = SharedPostgres.Server.CreateDatabase(sample.ToLowerInvariant());
        var rawData = Path.Combine(directory, "demo", "raw-data.sql");
        if (File.Exists(rawData))
        {
            Execute(connectionString, File.ReadAllText(rawData));
        }

        var deployment = new SampleDeployment(connectionString, bundleDirectory, result.Bundle!);
        var (exit, output) = deployment.Run("apply", bundleDirectory);
        Assert.AreEqual(0, exit, output);
        return deployment;
    }

    public (int Exit, string Output) Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>The runner with more environment variables than the connection (e.g. the passwords of a logins file).</summary>
    public (int Exit, string Output) RunWith(IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = variables.ToDictionary(v => v.Key, v => (string?)v.Value);
        environment["TENANTMODELS_CONNECTION"] = ConnectionString;
        var exit = new RunnerApp(stdout, stderr, name => environment.TryGetValue(name, out var value) ? value : null).Run(args);
        return (exit, stdout + stderr.ToString());
    }

    public (int Exit, string Output) ApplyAgain() => Run("apply", _bundleDirectory);

    /// <summary>Rows as tab-separated text lines, in the query's order, NULL as "∅".</summary>
    public IReadOnlyList<string> Rows(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("\t", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Format(reader.GetValue(i)))));
        }

        return rows;
    }

    public void Dispose()
    {
        if (Directory.Exists(_bundleDirectory))
        {
            Directory.Delete(_bundleDirectory, recursive: true);
        }
    }

    private static string Format(object value) => value switch
    {
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
