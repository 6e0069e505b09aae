using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Naming;
using TenantModels.Generator.Tests.Support;

namespace TenantModels.Generator.Tests;

/// <summary>The generated code compiles cleanly (every warning on, docs checked) with and without Npgsql, and behaves as documented.</summary>
[TestClass]
public sealed class GeneratedCodeTests
{
    /// <summary>Application code using the generated API; compiling it proves the shape is what users can write.</summary>
    private const string SampleUsage = """
        #nullable enable
        namespace App;

        /// <summary>Uses the generated API.</summary>
        public static class Usage
        {
            /// <summary>Names and rows.</summary>
            public static string Describe()
            {
                var tenant = CallAnalytics.Tenants.Get("org_acme_k3x9");
                var target = CallAnalytics.Models.Call.For(tenant);
                CallAnalytics.CallRow row = new(1L, null, "u", null);
                return target.QualifiedName + row.CallId + CallAnalytics.Models.Call.Columns.CallId + CallAnalytics.Models.Call.Canonical.SelectSql;
            }
        }
        """;

    private const string ReaderUsage = """
        #nullable enable
        namespace App;

        /// <summary>Uses the generated readers.</summary>
        public static class Readers
        {
            /// <summary>Counts rows.</summary>
            public static async System.Threading.Tasks.Task<int> CountAsync(Npgsql.NpgsqlDataSource dataSource)
            {
                var count = 0;
                await foreach (var row in CallAnalytics.Models.Call.QueryAsync(dataSource, "tenant_made_at_runtime", "outreach"))
                {
                    count += row.UserId?.Length ?? 0;
                }

                await foreach (var canonical in CallAnalytics.Models.Call.QueryCanonicalAsync(dataSource))
                {
                    count += canonical.TenantId.Length + (int)canonical.Row.CallId;
                }

                return count;
            }
        }
        """;

    [TestMethod]
    [DataRow(true, DisplayName = "with Npgsql")]
    [DataRow(false, DisplayName = "without Npgsql")]
    public void Sample_CompilesWithoutAnyDiagnostic(bool referenceNpgsql)
    {
        var sources = referenceNpgsql ? new[] { SampleUsage, ReaderUsage } : new[] { SampleUsage };
        var output = Generate(GoldenTests.Sample(), referenceNpgsql, sources);
        AssertClean(output);
        var hasReaders = output.SyntaxTrees.Any(t => t.ToString().Contains("ReadRowAsync", StringComparison.Ordinal));
        Assert.AreEqual(referenceNpgsql, hasReaders, "readers are emitted exactly when Npgsql is referenced");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "with Npgsql")]
    [DataRow(false, DisplayName = "without Npgsql")]
    public void EveryType_CompilesWithoutAnyDiagnostic(bool referenceNpgsql) =>
        AssertClean(Generate(GoldenTests.AllTypes(), referenceNpgsql));

    [TestMethod]
    [DataRow("SalesEtl", true)]
    [DataRow("SalesEtl", false)]
    [DataRow("SchemaPerTenantCrm", true)]
    [DataRow("SchemaPerTenantCrm", false)]
    [DataRow("ShopTenants", true)]
    [DataRow("ShopTenants", false)]
    public void OtherSamples_CompileWithoutAnyDiagnostic(string sample, bool referenceNpgsql)
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Driver(GoldenTests.Sample(sample)), GeneratorHarness.Compilation(referenceNpgsql));
        Assert.AreEqual(0, result.Diagnostics.Length, string.Join("\n", result.Diagnostics));
        Assert.IsTrue(result.GeneratedSources.Length > 2, "models were generated");
        AssertClean(output);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void SharedModels_CompileWithoutAnyDiagnostic(bool referenceNpgsql) =>
        AssertClean(Generate(GoldenTests.Case("shared_rls"), referenceNpgsql));

    /// <summary>Descriptions become doc comments: a line break of any kind (YAML keeps U+2028, U+2029 and U+0085) must not end the comment.</summary>
    [TestMethod]
    public void Descriptions_WithAnyLineBreak_StayInTheirComment()
    {
        var project = GoldenTests.Sample();
        var yaml = project.Files["models/call.yaml"];
        var line = yaml.Split('\n').Single(l => l.StartsWith("description:", StringComparison.Ordinal));
        var described = project.With("models/call.yaml", yaml.Replace(line, "description: \"One call\\u2028a sales rep\\u0085made\\u2029or <b>received</b>\""));
        var output = Generate(described, referenceNpgsql: true);
        StringAssert.Contains(output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Models.Call.g.cs", StringComparison.Ordinal)).ToString(), "made or &lt;b&gt;received&lt;/b&gt;");
        AssertClean(output);
    }

    [TestMethod]
    public void RenamingAModelColumn_BreaksCodeThatUsesIt()
    {
        var project = GoldenTests.Sample();
        var renamed = project.With("models/call.yaml", project.Files["models/call.yaml"].Replace("user_id", "owner_id"));
        var errors = Generate(renamed, referenceNpgsql: false, SampleUsage).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.IsTrue(errors.Any(e => e.Id == "CS1739" || e.Id == "CS7036" || e.Id == "CS0117"), string.Join("\n", errors));
    }

    [TestMethod]
    public void For_ExpandsNamesForAnyValidTenant_AndRefusesInvalidOnes()
    {
        var assembly = Load(Generate(GoldenTests.Sample(), referenceNpgsql: false));
        var call = assembly.GetType("CallAnalytics.Models+Call")!;
        var forMethod = call.GetMethod("For", new[] { typeof(string), typeof(string) })!;

        var target = forMethod.Invoke(null, new object[] { "tenant_made_at_runtime", "salesloft" })!;
        Assert.AreEqual("tenant_made_at_runtime_stg_salesloft", Property(target, "Schema"));
        Assert.AreEqual("\"tenant_made_at_runtime_stg_salesloft\".\"call\"", Property(target, "QualifiedName"));
        Assert.AreEqual(
            "SELECT \"call_id\", \"call_created_at\", \"user_id\", \"call_disposition_name\" FROM \"tenant_made_at_runtime_stg_salesloft\".\"call\"",
            Property(target, "SelectSql"));

        foreach (var (tenant, source) in new[] { ("Robert'); DROP TABLE x;--", "outreach"), ("a", "hubspot"), (new string('a', 60), "outreach") })
        {
            var thrown = Assert.ThrowsExactly<TargetInvocationException>(() => forMethod.Invoke(null, new object[] { tenant, source }));
            Assert.IsInstanceOfType<ArgumentException>(thrown.InnerException);
        }
    }

    [TestMethod]
    public void GeneratedTenantIdRules_AgreeWithCore()
    {
        var isValid = Load(Generate(GoldenTests.Sample(), referenceNpgsql: false)).GetType("CallAnalytics.TenantIds")!.GetMethod("IsValid")!;
        var candidates = new[]
        {
            "a", "acme", "org_javi_2_e0eynhkr", "a1_", "", "A", "1a", "_a", "a-b", "a b", "é", "a\"b", "ab'", new string('a', 63), new string('a', 64),
        };
        foreach (var candidate in candidates)
        {
            Assert.AreEqual(IdentifierRules.IsValidName(candidate), (bool)isValid.Invoke(null, new object[] { candidate })!, candidate);
        }
    }

    [TestMethod]
    public void Tenants_LookUpById()
    {
        var tenants = Load(Generate(GoldenTests.Sample(), referenceNpgsql: false)).GetType("CallAnalytics.Tenants")!;
        var all = (System.Collections.IEnumerable)tenants.GetProperty("All")!.GetValue(null)!;
        CollectionAssert.AreEqual(
            new[] { "org_javi_2_e0eynhkr", "org_pablo_s_workspace_r0trlpgs", "org_acme_k3x9" },
            all.Cast<object>().Select(t => Property(t, "Id")).ToArray());
        var get = tenants.GetMethod("Get")!;
        Assert.AreEqual("Acme", Property(get.Invoke(null, new object[] { "org_acme_k3x9" })!, "Name"));
        Assert.IsInstanceOfType<System.Collections.Generic.KeyNotFoundException>(
            Assert.ThrowsExactly<TargetInvocationException>(() => get.Invoke(null, new object[] { "nobody" })).InnerException);
    }

    internal static Compilation Generate(TestProject project, bool referenceNpgsql, params string[] sources)
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Driver(project), GeneratorHarness.Compilation(referenceNpgsql, "App", sources));
        Assert.IsNull(result.Exception, result.Exception?.ToString());
        return output;
    }

    private static void AssertClean(Compilation output)
    {
        var diagnostics = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.IsTrue(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }

    private static string? Property(object target, string name) => (string?)target.GetType().GetProperty(name)!.GetValue(target);
}
