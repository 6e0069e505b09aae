using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Connection;

namespace TenantModels.Runner.Tests.Cli;

[TestClass]
public sealed class ConnectionResolverTests
{
    private static ConnectionResolution Resolve(string? option, Dictionary<string, string> env) =>
        ConnectionResolver.Resolve(option, name => env.TryGetValue(name, out var v) ? v : null);

    [TestMethod]
    public void LibpqVariablesAreMappedWhenNothingElseIsGiven()
    {
        var env = new Dictionary<string, string>
        {
            ["PGHOST"] = "db.internal",
            ["PGPORT"] = "6543",
            ["PGDATABASE"] = "analytics",
            ["PGUSER"] = "deploy",
            ["PGPASSWORD"] = "s3cret",
        };

        var resolved = Resolve(null, env);

        Assert.IsNull(resolved.Error);
        var builder = new NpgsqlConnectionStringBuilder(resolved.ConnectionString);
        Assert.AreEqual("db.internal", builder.Host);
        Assert.AreEqual(6543, builder.Port);
        Assert.AreEqual("analytics", builder.Database);
        Assert.AreEqual("deploy", builder.Username);
        Assert.AreEqual("s3cret", builder.Password);
    }

    [TestMethod]
    public void OptionWinsOverEnvironmentVariableWhichWinsOverPgVariables()
    {
        var env = new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = "Host=from-env;Database=e", ["PGHOST"] = "from-pg" };

        Assert.AreEqual("from-option", new NpgsqlConnectionStringBuilder(Resolve("Host=from-option", env).ConnectionString).Host);
        Assert.AreEqual("from-env", new NpgsqlConnectionStringBuilder(Resolve(null, env).ConnectionString).Host);
    }

    [TestMethod]
    public void NonNumericPgPortIsAConfigurationError()
    {
        var resolved = Resolve(null, new Dictionary<string, string> { ["PGHOST"] = "h", ["PGPORT"] = "54x" });

        Assert.AreEqual("TM3008", resolved.Error?.Code);
    }
}
