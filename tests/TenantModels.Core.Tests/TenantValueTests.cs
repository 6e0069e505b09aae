using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Planning;
using TenantModels.Core.Provisioning;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// <c>{{ attr('name') }}</c> and <c>{{ tier }}</c> in SQL: each tenant's value as a typed constant, expanded per tenant
/// (so a change to one tenant's value re-plans that tenant only), defaults for tenants provisioned at run time, and
/// located errors for everything else.
/// </summary>
[TestClass]
public sealed class TenantValueTests
{
    private static readonly string Case = Path.Combine(CompilerCaseTests.CasesDirectory, "tenant_values_in_sql");

    [TestMethod]
    public void Two_tenants_with_different_sales_thresholds_see_different_rows()
    {
        var result = CaseCompiler.Compile(Case);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        using var connection = new NpgsqlConnection(SharedPostgres.Server.CreateDatabase("tenant_values"));
        connection.Open();
        Execute(connection, CaseDeploymentTests.RawSchemas(Case));
        Execute(connection, result.Bundle!.DeployScript);
        foreach (var tenant in new[] { "acme", "globex" })
        {
            // The same rows for both: acme's threshold is 5000, globex's the default 10000.
            Execute(connection, $"INSERT INTO {tenant}_raw_erp.invoice (id, gross_amount, material_type, invoice_day) VALUES "
                + "(1, 4000, 'ZFGD', '20240101'), (2, 7500, 'ZFGD', '20240101'), (3, 12000, 'ZFGD', '20240101'), (4, 20000, 'it''s', '20240101'), (5, 20000, 'ZSFG', '20240101'), (6, 20000, 'ZFGD', '20220101');");
        }

        Assert.AreEqual("2,3,4", Scalar(connection, "SELECT string_agg(id::text, ',' ORDER BY id) FROM tenant_acme.large_sales"),
            "acme: above 5000, material ZFGD or it's, on or after 20230401");
        Assert.AreEqual("3,5,6", Scalar(connection, "SELECT string_agg(id::text, ',' ORDER BY id) FROM tenant_globex.large_sales"),
            "globex: above 10000, material ZFGD or ZSFG, no date filter (NULL)");
        Assert.AreEqual("eu|", Scalar(connection, "SELECT string_agg(DISTINCT coalesce(region, ''), '|' ORDER BY coalesce(region, '') DESC) FROM canonical.large_sales"),
            "acme's region, globex's NULL");
        Assert.AreEqual("premium", Scalar(connection, "SELECT DISTINCT tier FROM acme_stg_erp.sales"));
        Assert.AreEqual("standard", Scalar(connection, "SELECT DISTINCT tier FROM globex_stg_erp.sales"), "the default tier");
        Assert.AreEqual(true, Scalar(connection, "SELECT large FROM acme_stg_erp.sales WHERE id = 2"), "7500 > 5000 for acme");
        Assert.AreEqual(false, Scalar(connection, "SELECT large FROM globex_stg_erp.sales WHERE id = 2"), "7500 <= 10000 for globex");
    }

    [TestMethod]
    public void Values_are_typed_quoted_constants_per_tenant_and_stay_out_of_the_templates()
    {
        var bundle = CaseCompiler.Compile(Case).Bundle!;
        var view = bundle.Manifest.Artefacts.Single(a => a.Id == "view.large_sales");
        var template = bundle.SqlOf(view);
        StringAssert.Contains(template, "{{attr:sales_threshold}}");
        Assert.IsFalse(template.Contains("5000"), "no tenant's value in the template");

        var acme = ArtefactTemplate.ExpandFor(view, template, bundle.Manifest.Tenants.Single(t => t.Id == "acme"));
        StringAssert.Contains(acme, "gross_amount > 5000::integer");
        StringAssert.Contains(acme, "any(ARRAY['ZFGD', 'it''s']::text[])");
        StringAssert.Contains(acme, "'eu'::text as region");
        var globex = ArtefactTemplate.ExpandFor(view, template, bundle.Manifest.Tenants.Single(t => t.Id == "globex"));
        StringAssert.Contains(globex, "NULL::text as region");
        Assert.IsFalse(acme.Contains("{{") || globex.Contains("{{"));
    }

    [TestMethod]
    public void The_manifest_carries_the_used_values_and_reads_back_typed()
    {
        var bundle = CaseCompiler.Compile(Case).Bundle!;
        var read = ManifestJson.Read(ManifestJson.Write(bundle.Manifest));

        CollectionAssert.AreEqual(
            new[] { "attr:date_filter_start", "attr:material_type_filter", "attr:region", "attr:sales_threshold", "tier" },
            read.TenantValues!.Select(d => d.Key).ToArray());
        var acme = read.Tenants.Single(t => t.Id == "acme").Values!;
        Assert.AreEqual(new TenantValue("attr:material_type_filter", "text[]", "{ZFGD,it's}"), acme.Single(v => v.Key == "attr:material_type_filter"));
        Assert.AreEqual(ManifestJson.Write(bundle.Manifest), ManifestJson.Write(read));
    }

    /// <summary>A runner that does not know per-tenant values must refuse the bundle, not send {{attr:…}} to PostgreSQL.</summary>
    [TestMethod]
    public void A_bundle_using_tenant_values_is_format_3_and_others_stay_format_2()
    {
        Assert.AreEqual(3, CaseCompiler.Compile(Case).Bundle!.Manifest.FormatVersion);
        Assert.AreEqual(2, CaseCompiler.Compile(Path.Combine(CompilerCaseTests.CasesDirectory, "tenant_defaults_and_attributes")).Bundle!.Manifest.FormatVersion);
        Assert.AreEqual(3, ManifestJson.Read(ManifestJson.Write(CaseCompiler.Compile(Case).Bundle!.Manifest)).FormatVersion);
    }

    [TestMethod]
    public void Attributes_no_sql_uses_are_not_in_the_manifest_so_changing_them_changes_no_artefact()
    {
        var before = CaseCompiler.Compile(Path.Combine(CompilerCaseTests.CasesDirectory, "tenant_defaults_and_attributes")).Bundle!;
        Assert.IsNull(before.Manifest.TenantValues);
        Assert.IsTrue(before.Manifest.Tenants.All(t => t.Values is null));
    }

    /// <summary>The planner compares per-tenant instance checksums: a value is in its tenant's instances only.</summary>
    [TestMethod]
    public void Changing_one_tenants_attribute_replans_only_that_tenant()
    {
        var before = CaseCompiler.Compile(Case).Bundle!;
        var applied = Applied(before);
        var after = Compile(Edit(Case, "tenants.yaml", "sales_threshold: 5000", "sales_threshold: 6000"));

        var plan = DeploymentPlanner.Plan(after, applied);

        var changed = plan.Units.Where(u => !u.IsEmpty).ToList();
        Assert.AreEqual("tenant acme", changed.First().Key.ToString(), string.Join("\n", plan.Steps.Select(s => s.ArtefactId + "/" + s.TenantId)));
        Assert.IsTrue(plan.Steps.All(s => s.TenantId is null or "acme"), "globex is not touched");
        CollectionAssert.Contains(plan.Steps.Where(s => s.Action == PlanStepAction.Create).Select(s => s.ArtefactId + "/" + s.TenantId).ToArray(), "view.large_sales/acme");
        CollectionAssert.Contains(plan.Steps.Where(s => s.Action == PlanStepAction.Create).Select(s => s.ArtefactId + "/" + s.TenantId).ToArray(), "staging_view.erp.sales/acme");
        Assert.IsTrue(DeploymentPlanner.Plan(before, applied).IsEmpty, "the same bundle plans nothing");
    }

    [TestMethod]
    public void A_tenant_provisioned_at_run_time_gets_the_registrys_defaults()
    {
        var bundle = CaseCompiler.Compile(Case).Bundle!;
        var plan = TenantProvisioningPlanner.Plan(bundle, new ProvisioningRequest("initech", null, new[] { "erp" }), Array.Empty<BundleTenant>(), Applied(bundle));

        Assert.IsTrue(plan.IsValid, string.Join("; ", plan.Errors));
        var view = plan.Steps.Single(s => s.ArtefactId == "view.large_sales" && s.TenantId == "initech");
        StringAssert.Contains(view.Sql, "gross_amount > 10000::integer");
        StringAssert.Contains(view.Sql, "any(ARRAY['ZFGD']::text[])");
        StringAssert.Contains(view.Sql, "NULL::text as region");
        var staging = plan.Steps.Single(s => s.ArtefactId == "staging_view.erp.sales" && s.TenantId == "initech");
        StringAssert.Contains(staging.Sql, "'standard'::text");
    }

    [TestMethod]
    public void A_required_value_without_a_default_refuses_provisioning_at_run_time()
    {
        var bundle = Compile(Edit(Case, "tenants.yaml", "attributes: { sales_threshold: 10000, material_type_filter: [ZFGD] }", "attributes: { material_type_filter: [ZFGD] }")
            .Select(f => f.RelativePath == "tenants.yaml" ? f with { Text = f.Text.Replace("attributes: { material_type_filter: \"{ZFGD, ZSFG}\" }", "attributes: { sales_threshold: 1, material_type_filter: \"{ZFGD, ZSFG}\" }") } : f).ToList());

        var plan = TenantProvisioningPlanner.Plan(bundle, new ProvisioningRequest("initech", null, new[] { "erp" }), Array.Empty<BundleTenant>(), Array.Empty<DeployedArtefact>());

        Assert.IsFalse(plan.IsValid);
        StringAssert.Contains(plan.Errors.Single(), "{{ attr('sales_threshold') }}");
    }

    [TestMethod]
    [DataRow("{{ attr('sales_treshold') }}", "no attribute 'sales_treshold'; did you mean 'sales_threshold'?")]
    [DataRow("{{ attr(sales_threshold) }}", "one quoted literal")]
    [DataRow("{{ attr('sales' || '_threshold') }}", "one quoted literal")]
    [DataRow("{{ attr() }}", "one quoted literal")]
    [DataRow("{{ tiers }}", "placeholders are {{ tenant }}")]
    [DataRow("{{ tenant.tier }}", "placeholders are {{ tenant }}")]
    public void A_placeholder_not_understood_in_sql_is_a_located_TM1093(string placeholder, string why)
    {
        var files = Edit(Case, "models/large_sales.yaml", "where gross_amount > {{ attr('sales_threshold') }}", "where gross_amount > " + placeholder);

        var diagnostic = ModelProjectCompiler.Compile(Input(files)).Diagnostics.Single();

        // The sql: block scalar's position (its '|').
        Assert.AreEqual(("TM1093", "models/large_sales.yaml", 6, 6), (diagnostic.Code, Relative(diagnostic), diagnostic.Location.Line, diagnostic.Location.Column), diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, why);
    }

    [TestMethod]
    public void An_unknown_attribute_in_an_expr_is_a_located_TM1093()
    {
        var files = Edit(Case, "models/sales.yaml", "{{ attr('sales_threshold') }}", "{{ attr('region_code') }}");

        var diagnostic = ModelProjectCompiler.Compile(Input(files)).Diagnostics.Single();

        Assert.AreEqual(("TM1093", "models/sales.yaml", 17, 22), (diagnostic.Code, Relative(diagnostic), diagnostic.Location.Line, diagnostic.Location.Column), diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, "no attribute 'region_code'");
    }

    [TestMethod]
    [DataRow("{{ tier }}")]
    [DataRow("{{ attr('region') }}")]
    public void A_tenant_value_in_a_shared_model_is_TM1093(string placeholder)
    {
        var files = Edit(Case, "models/large_sales.yaml", "canonical: true", "scope: shared")
            .Select(f => f.RelativePath == "models/large_sales.yaml"
                ? f with { Text = "model: large_sales\nscope: shared\nmaterialized: view\ncolumns:\n  region: text\nsql: \"select " + placeholder + " as region\"\n" }
                : f).ToList();

        var diagnostic = ModelProjectCompiler.Compile(Input(files)).Diagnostics.Single();

        Assert.AreEqual(("TM1093", 6, 6), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column), diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, "the model is shared");
    }

    [TestMethod]
    public void A_list_for_an_attribute_that_is_not_an_array_is_TM1004()
    {
        var files = Edit(Case, "tenants.yaml", "sales_threshold: 5000", "sales_threshold: [5000]");

        var diagnostic = ModelProjectCompiler.Compile(Input(files)).Diagnostics.Single();

        Assert.AreEqual(("TM1004", "tenants.yaml", 15, 24), (diagnostic.Code, Relative(diagnostic), diagnostic.Location.Line, diagnostic.Location.Column), diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, "declared integer");
    }

    [TestMethod]
    public void Each_element_of_an_array_attribute_is_checked_against_the_element_type()
    {
        var files = Edit(Case, "tenants.yaml", "  region: text\n", "  region: text\n  plants: integer[]\n")
            .Select(f => f.RelativePath == "tenants.yaml" ? f with { Text = f.Text.Replace("      region: eu\n", "      region: eu\n      plants: [1, 2, x3]\n") } : f).ToList();

        var diagnostic = ModelProjectCompiler.Compile(Input(files)).Diagnostics.Single();

        // The element's own position in the list.
        Assert.AreEqual(("TM1031", "tenants.yaml", 20, 22), (diagnostic.Code, Relative(diagnostic), diagnostic.Location.Line, diagnostic.Location.Column), diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, "'x3' is not a valid integer[] value");
    }

    [TestMethod]
    [DataRow("\"{1,x}\"", "'x' is not a valid integer[] value")]
    [DataRow("\"{{1,2},{3,4}}\"", "'{{1,2},{3,4}}' is not a valid integer[] value")]
    [DataRow("\"1,2\"", "'1,2' is not a valid integer[] value")]
    public void An_array_attribute_written_as_text_is_checked_too(string value, string why)
    {
        var files = Edit(Case, "tenants.yaml", "  region: text\n", "  region: text\n  plants: integer[]\n")
            .Select(f => f.RelativePath == "tenants.yaml" ? f with { Text = f.Text.Replace("      region: eu\n", "      region: eu\n      plants: " + value + "\n") } : f).ToList();

        var diagnostic = ModelProjectCompiler.Compile(Input(files)).Diagnostics.Single();

        Assert.AreEqual("TM1031", diagnostic.Code, diagnostic.ToString());
        StringAssert.Contains(diagnostic.Message, why);
    }

    /// <summary>A seed's values are data: text that reads like a value placeholder is written as it is, whatever the SQL uses.</summary>
    [TestMethod]
    public void Seed_text_that_reads_like_a_placeholder_stays_text()
    {
        var directory = Path.Combine(CompilerCaseTests.CasesDirectory, "seeds_per_tenant_typed");
        var input = ProjectInput.FromDirectory(directory, "case", "1.0.0");
        var files = input.Files.Select(f => f.RelativePath switch
        {
            "seeds/regions.csv" => f with { Text = f.Text.Replace("1,Kanto,JP", "1,{{tier}},JP") },
            _ => f,
        }).Append(new DefinitionFile(Path.Combine(directory, "models", "tiers.yaml"), "models/tiers.yaml",
            "model: tiers\ncolumns:\n  tier: text\nsql: \"select {{ tier }} as tier\"\n")).ToList();

        var result = ModelProjectCompiler.Compile(input with { Files = files });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.IsNotNull(result.Bundle!.Manifest.TenantValues, "the tiers model uses the tier");
        StringAssert.Contains(result.Bundle.DeployScript, "'{{tier}}'");
        foreach (var instance in ArtefactExpander.Expand(result.Bundle).Where(i => i.Artefact.Kind == ArtefactKind.Seed))
        {
            Assert.IsFalse(instance.Sql.Contains("::text", StringComparison.Ordinal) && instance.Sql.Contains("{{", StringComparison.Ordinal), instance.Sql);
        }
    }

    [TestMethod]
    [DataRow("integer", "10000", "10000::integer")]
    [DataRow("bigint", "-9223372036854775808", "(-9223372036854775808)::bigint")]
    [DataRow("numeric(12,2)", "-0.5", "(-0.5)::numeric(12,2)")]
    [DataRow("boolean", "true", "true::boolean")]
    [DataRow("text", "20230401", "'20230401'::text")]
    [DataRow("text", "it's'; drop table x; --", "'it''s''; drop table x; --'::text")]
    [DataRow("date", "2023-04-01", "'2023-04-01'::date")]
    [DataRow("text[]", "{ZFGD,\"a \\\"b\\\" c\",NULL}", "ARRAY['ZFGD', 'a \"b\" c', NULL]::text[]")]
    [DataRow("integer[]", "{}", "ARRAY[]::integer[]")]
    [DataRow("integer", null, "NULL::integer")]
    public void A_value_is_written_as_a_typed_constant(string type, string? value, string expected) =>
        Assert.AreEqual(expected, TenantValues.Literal(new TenantValue("attr:x", type, value)));

    /// <summary>The runner reads values from the manifest: a damaged one fails rather than putting its text in the SQL.</summary>
    [TestMethod]
    [DataRow("integer", "1; drop table x")]
    [DataRow("boolean", "true or 1=1")]
    [DataRow("text[]", "ZFGD')--")]
    [DataRow("text; drop table x", "a")]
    public void A_damaged_manifest_value_is_refused(string type, string value) =>
        Assert.ThrowsExactly<FormatException>(() => TenantValues.Literal(new TenantValue("attr:x", type, value)));

    private static IReadOnlyList<DeployedArtefact> Applied(Bundle bundle)
    {
        var plan = DeploymentPlanner.Plan(bundle, Array.Empty<DeployedArtefact>());
        return new RecordedState(Array.Empty<DeployedArtefact>()).After(plan.Steps).Records.ToList();
    }

    private static ProjectInput Input(IReadOnlyList<DefinitionFile> files) => ProjectInput.FromDirectory(Case, "case", "1.0.0") with { Files = files };

    private static Bundle Compile(IReadOnlyList<DefinitionFile> files)
    {
        var result = ModelProjectCompiler.Compile(Input(files));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bundle!;
    }

    private static IReadOnlyList<DefinitionFile> Edit(string directory, string file, string from, string to)
    {
        var input = ProjectInput.FromDirectory(directory, "case", "1.0.0");
        var target = input.Files.Single(f => f.RelativePath == file);
        Assert.IsTrue(target.Text.Contains(from), $"{file} contains '{from}'");
        return input.Files.Select(f => f == target ? f with { Text = f.Text.Replace(from, to) } : f).ToList();
    }

    private static string Relative(Diagnostics.Diagnostic diagnostic) => ProjectInput.Relative(Case, diagnostic.Location.Path);

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
