using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// An error PostgreSQL raises in a SQL model's own SQL is located at the YAML line and column of the error inside
/// <c>sql:</c>, by <c>check</c> (TM3070) and by <c>apply</c> (TM3005), so editors and CI annotate the right place.
/// </summary>
[TestClass]
public sealed class ModelSqlErrorLocationTests
{
    /// <summary>A shared model (no raw data needed); the unknown column is on line 8 of the file, at column 16.</summary>
    private const string Totals = """
        model: totals
        scope: shared
        columns:
          n: bigint
        sql: |

          select
            count(*) + no_such_column as n
          from pg_class
        """;

    /// <summary>A one-line value: line 4, the unknown column at column 13 (the value starts at column 6).</summary>
    private const string OneLine = """
        model: one_line
        scope: shared
        columns: { n: bigint }
        sql: select missing_column as n from pg_class
        """;

    /// <summary>A folded block's lines are joined by the parser: only the model can be named.</summary>
    private const string Folded = """
        model: folded
        scope: shared
        columns: { n: bigint }
        sql: >
          select
          unknown_folded as n
        """;

    [TestMethod]
    public void CheckLocatesAnErrorAtItsLineAndColumnInABlockAndInAOneLineValue()
    {
        var bundle = CheckCommandTests.CompileToTemp("where", ("models/totals.yaml", Totals), ("models/one_line.yaml", OneLine), ("models/folded.yaml", Folded));

        var result = CliRun.Run(null, "check", bundle, "--dev-connection", SharedPostgres.Server.ConnectionString);

        Assert.AreEqual(ExitCodes.CheckFailed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "models/totals.yaml(8,16): error TM3070: artefact 'view.totals' failed the check on a scratch database with SQLSTATE 42703: column \"no_such_column\" does not exist", result.ToString());
        StringAssert.Contains(result.Error, "models/one_line.yaml(4,13): error TM3070: artefact 'view.one_line'", result.ToString());
        StringAssert.Contains(result.Error, "models/folded.yaml(1,8): error TM3070: artefact 'view.folded'", result.ToString());
    }

    [TestMethod]
    public void ApplyLocatesAModelsStatementFailureAtItsYamlLineAndColumn()
    {
        var db = SharedPostgres.Server.CreateDatabase("sql_error_location");
        var bundle = CheckCommandTests.CompileToTemp("where", ("models/totals.yaml", Totals));

        var result = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "models/totals.yaml(8,16): error TM3005: artefact 'view.totals' (global) failed with SQLSTATE 42703", result.ToString());

        // The error is in the model's own SQL: the hint points there, not at a raw source schema this model does not read.
        var located = result.Error.Split('\n').Single(l => l.Contains("models/totals.yaml(8,16): error TM3005", System.StringComparison.Ordinal));
        StringAssert.Contains(located, "the model's SQL at this line names a relation or column that does not exist");
        Assert.IsFalse(located.Contains("raw source schema", System.StringComparison.Ordinal), located);
    }
}
