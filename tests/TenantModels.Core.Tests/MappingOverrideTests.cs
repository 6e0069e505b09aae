using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Planning;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// tenants.yaml <c>overrides:</c>: a tenant whose raw layout differs gets its own staging view statement, every other
/// tenant keeps the shared template (so the bundle grows with overrides, not tenants), and a change to one tenant's
/// override re-plans that tenant alone.
/// </summary>
[TestClass]
public sealed class MappingOverrideTests
{
    private static readonly string Case = Path.Combine(CompilerCaseTests.CasesDirectory, "tenant_mapping_override");
    private static readonly ScratchFolder Scratch = new("tm-overrides");
    private const string View = "staging_view.erp.sales_line";

    [ClassCleanup]
    public static void RemoveScratch() => Scratch.Delete();

    [TestMethod]
    public void Only_the_overriding_tenant_has_its_own_statement_and_tenants_without_overrides_add_no_file()
    {
        var bundle = Compile(ProjectInput.FromDirectory(Case, "case", "1.0.0").Files);
        var view = bundle.Manifest.Artefacts.Single(a => a.Id == View);

        Assert.AreEqual("tenant2", view.TenantVariants!.Single().Tenant);
        Assert.AreSame(view, view.ForTenant("tenant1"), "a tenant without an override reads the shared template");
        StringAssert.Contains(bundle.SqlOf(view.ForTenant("tenant2")), "\"invoice_lines\".\"qty_units\"");
        Assert.IsFalse(bundle.SqlOf(view).Contains("qty_units"), "the shared template is the model's own mapping");

        var more = Edit(Case, "tenants.yaml", "  - id: tenant3\n", "  - id: tenant3\n  - id: tenant4\n  - id: tenant5\n");
        Assert.AreEqual(bundle.ArtefactFiles.Count, Compile(more).ArtefactFiles.Count, "tenants without overrides share the template");
    }

    [TestMethod]
    public void An_override_that_writes_the_models_own_mapping_adds_no_statement_and_keeps_the_format()
    {
        var same = Edit(Case, "tenants.yaml", "  - id: tenant3\n",
            "  - id: tenant3\n    overrides: { erp: { mappings: { sales_line: { columns: { quantity: qty } } } } }\n");
        var bundle = Compile(same);

        Assert.AreEqual("tenant2", bundle.Manifest.Artefacts.Single(a => a.Id == View).TenantVariants!.Single().Tenant);
        Assert.AreEqual(2, Compile(Edit(Path.Combine(CompilerCaseTests.CasesDirectory, "etl_mappings_round_expr_null"), "tenants.yaml", "  - id: tenant2\n",
            "  - id: tenant2\n    overrides: { erp: { mappings: { sales_line: { columns: { quantity: qty } } } } }\n"), Path.Combine(CompilerCaseTests.CasesDirectory, "etl_mappings_round_expr_null")).Manifest.FormatVersion);
    }

    [TestMethod]
    public void A_bundle_with_overrides_is_format_4_and_its_variants_read_back_from_the_manifest_and_the_folder()
    {
        var bundle = Compile(ProjectInput.FromDirectory(Case, "case", "1.0.0").Files);
        Assert.AreEqual(4, bundle.Manifest.FormatVersion);
        Assert.AreEqual(2, CaseCompiler.Compile(Path.Combine(CompilerCaseTests.CasesDirectory, "etl_mappings_round_expr_null")).Bundle!.Manifest.FormatVersion);
        var read = ManifestJson.Read(ManifestJson.Write(bundle.Manifest)).Artefacts.Single(a => a.Id == View);
        CollectionAssert.AreEqual(bundle.Manifest.Artefacts.Single(a => a.Id == View).TenantVariants!.ToList(), read.TenantVariants!.ToList());

        var directory = Scratch.NewPath("bundle");
        BundleDirectory.Write(bundle, directory);
        var variant = read.TenantVariants!.Single();
        Assert.AreEqual(bundle.SqlOf(read.ForTenant("tenant2")), BundleDirectory.Read(directory).SqlOf(read.ForTenant("tenant2")));

        File.AppendAllText(Path.Combine(directory, variant.Path), "-- changed\n");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => BundleDirectory.Read(directory));
        StringAssert.Contains(e.Message, variant.Path);
    }

    /// <summary>The planner compares per-tenant instance checksums: an override is in its tenant's instance only.</summary>
    [TestMethod]
    public void Changing_one_tenants_override_replans_only_that_tenant()
    {
        var before = Compile(ProjectInput.FromDirectory(Case, "case", "1.0.0").Files);
        var applied = Applied(before);
        var after = Compile(Edit(Case, "tenants.yaml", "quantity: qty_units", "quantity: { expr: \"invoice_lines.qty_units * 2\" }"));

        var plan = DeploymentPlanner.Plan(after, applied);

        // The view keeps its columns, so it is replaced in place: neither the other tenants nor the canonical view over it are touched.
        CollectionAssert.AreEqual(new[] { "create " + View + "/tenant2" },
            plan.Steps.Select(s => (s.Action == PlanStepAction.Create ? "create " : "drop ") + s.ArtefactId + "/" + s.TenantId).ToArray());
        Assert.IsTrue(DeploymentPlanner.Plan(before, applied).IsEmpty, "the same bundle plans nothing");
    }

    [TestMethod]
    public void Each_tenants_staging_view_reads_its_own_layout_on_postgresql()
    {
        var bundle = Compile(ProjectInput.FromDirectory(Case, "case", "1.0.0").Files);
        using var connection = new NpgsqlConnection(SharedPostgres.Server.CreateDatabase("overrides"));
        connection.Open();
        Execute(connection, CaseDeploymentTests.RawSchemas(Case));
        Execute(connection, bundle.DeployScript);
        Execute(connection, "INSERT INTO tenant1_raw_erp.invoice_lines (materialcode, qty, unit_price, territory) VALUES ('m1', '3', '2.505', 'north');"
            + "INSERT INTO tenant2_raw_erp.invoice_lines (materialcode, qty_units, price_cents, territory) VALUES ('m2', 7, 1999, 'south');"
            + "INSERT INTO tenant2_raw_erp.territories (code, region) VALUES ('south', 'EMEA');");

        Assert.AreEqual("m1|3|2.51|NORTH|", Row(connection, "tenant1_stg_erp"));
        Assert.AreEqual("m2|7|19.99|SOUTH|EMEA", Row(connection, "tenant2_stg_erp"));
        Assert.AreEqual(2L, Scalar(connection, "SELECT count(*) FROM canonical.sales_line"));
    }

    private static string Row(NpgsqlConnection connection, string schema) =>
        (string)Scalar(connection, $"SELECT concat_ws('|', material_code, quantity, unit_price, territory_code, coalesce(region, '')) FROM {schema}.sales_line");

    private static IReadOnlyList<DeployedArtefact> Applied(Bundle bundle)
    {
        var plan = DeploymentPlanner.Plan(bundle, Array.Empty<DeployedArtefact>());
        return new RecordedState(Array.Empty<DeployedArtefact>()).After(plan.Steps).Records.ToList();
    }

    private static Bundle Compile(IReadOnlyList<DefinitionFile> files, string? directory = null)
    {
        var result = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(directory ?? Case, "case", "1.0.0") with { Files = files });
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

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar()!;
    }
}
