using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Security.Tests;

/// <summary>
/// A project compiled from in-memory YAML, its deploy.sql applied by the superuser to a fresh database, and
/// LOGIN roles made members of the generated roles — what the runner will do from secrets.
/// </summary>
public sealed class SecuredDatabase
{
    private SecuredDatabase(string connectionString, string deployScript)
    {
        ConnectionString = connectionString;
        DeployScript = deployScript;
    }

    public string ConnectionString { get; }

    public string DeployScript { get; }

    public static SecuredDatabase Deploy(string name, string beforeDeploy, params (string Path, string Text)[] files)
    {
        var input = new ProjectInput(name, "1.0.0", files.Select(f => new DefinitionFile(f.Path, f.Path, f.Text)).ToList());
        var result = ModelProjectCompiler.Compile(input);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var database = new SecuredDatabase(SharedPostgres.Server.CreateDatabase(name), result.Bundle!.DeployScript);
        database.Execute(beforeDeploy);
        database.Reapply();
        return database;
    }

    /// <summary>
    /// isolation: database — one database per tenant, each given what the runner applies there through a target map:
    /// the global artefacts, that tenant's artefacts, and unions over that tenant only.
    /// </summary>
    public static IReadOnlyDictionary<string, SecuredDatabase> DeployPerTenant(string name, params (string Path, string Text)[] files)
    {
        var input = new ProjectInput(name, "1.0.0", files.Select(f => new DefinitionFile(f.Path, f.Path, f.Text)).ToList());
        var result = ModelProjectCompiler.Compile(input);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var bundle = result.Bundle!;
        var databases = new Dictionary<string, SecuredDatabase>();
        foreach (var tenant in bundle.Manifest.Tenants)
        {
            var manifest = bundle.Manifest with { Tenants = new[] { tenant } };
            var script = string.Join("\n", ArtefactExpander.Expand(manifest, bundle.SqlOf).Select(i => i.Sql));
            var database = new SecuredDatabase(SharedPostgres.Server.CreateDatabase(name + "_" + tenant.Id), script);
            database.Reapply();
            databases[tenant.Id] = database;
        }

        return databases;
    }

    /// <summary>Runs deploy.sql again, in one transaction, as the superuser: what reconciles drift.</summary>
    public void Reapply() => Execute("BEGIN;\n" + DeployScript + "\nCOMMIT;");

    public void Execute(string sql)
    {
        if (sql.Length == 0)
        {
            return;
        }

        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>A LOGIN role (idempotent, cluster-wide) that is a member of <paramref name="memberOf"/>.</summary>
    public void Login(string login, params string[] memberOf)
    {
        var sql = $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{login}') THEN CREATE ROLE \"{login}\" LOGIN; END IF; END $$;";
        sql += string.Concat(memberOf.Select(role => $"GRANT \"{role}\" TO \"{login}\";"));
        Execute(sql);
    }

    public NpgsqlConnection Open(string login)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = login, Password = null, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    public static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public static List<string> Column(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? "∅" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public object? Scalar(string login, string sql)
    {
        using var connection = Open(login);
        return Scalar(connection, sql);
    }

    public List<string> Column(string login, string sql)
    {
        using var connection = Open(login);
        return Column(connection, sql);
    }

    public object? Superuser(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return Scalar(connection, sql);
    }

    /// <summary>The statement fails with <paramref name="sqlState"/> (42501 = insufficient privilege).</summary>
    public void Denied(string login, string sql, string sqlState = "42501")
    {
        // Opening is part of the attempt: in database isolation a login is refused at CONNECT already (42501).
        var error = Assert.ThrowsExactly<PostgresException>(() =>
        {
            using var connection = Open(login);
            Scalar(connection, sql);
        });
        Assert.AreEqual(sqlState, error.SqlState, error.MessageText);
    }
}
