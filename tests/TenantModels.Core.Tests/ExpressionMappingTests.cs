using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests;

[TestClass]
public sealed class ExpressionMappingTests
{
    private static CompileResult Compile(string expression) => ModelProjectCompiler.Compile(new ProjectInput("expr", "1.0.0", new[]
    {
        new DefinitionFile("tenants.yaml", "tenants.yaml", "tenants:\n  - id: acme\n    sources: [crm]\n"),
        new DefinitionFile("sources/crm.yaml", "sources/crm.yaml", "source: crm\ntables:\n  call:\n    columns:\n      id: bigint\n"),
        new DefinitionFile("models/call.yaml", "models/call.yaml",
            "model: call\ncolumns:\n  call_id: bigint\n  channel: text\nfrom:\n  crm:\n    table: call\n    columns:\n      call_id: id\n      channel: { expr: \"" + expression + "\" }\n"),
    }));

    [TestMethod]
    public void A_literal_alone_is_an_expression()
    {
        var result = Compile("'phone'");

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        StringAssert.Contains(result.Bundle!.DeployScript, "CAST(('phone') AS text) AS \"channel\"");
    }

    [TestMethod]
    [DataRow("'a'; DROP TABLE x")]
    [DataRow("'a' -- comment")]
    [DataRow("'unterminated")]
    public void A_literal_does_not_hide_what_would_end_the_expression(string expression)
    {
        var result = Compile(expression);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "TM1005"), string.Join("\n", result.Diagnostics));
    }
}
