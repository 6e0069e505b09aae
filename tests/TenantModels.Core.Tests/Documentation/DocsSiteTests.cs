using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Documentation;

namespace TenantModels.Core.Tests.Documentation;

[TestClass]
public sealed class DocsSiteTests
{
    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "tenantmodels-docs-" + Guid.NewGuid().ToString("N"));

    [TestMethod]
    public void The_site_is_the_page_its_assets_and_a_data_file_per_model_and_tenant()
    {
        var bundle = LineageGraphTests.Sample("CallAnalytics");
        var folder = TempFolder();
        try
        {
            DocsSite.Write(bundle, folder);

            foreach (var file in new[] { "index.html", "assets/site.js", "assets/site.css", "data/site.js", "data/tenants.js", "data/lineage.js", "data/security.js", "data/search.js", "data/models/call.js" })
            {
                Assert.IsTrue(File.Exists(Path.Combine(folder, file)), file);
            }

            foreach (var tenant in bundle.Manifest.Tenants)
            {
                StringAssert.StartsWith(File.ReadAllText(Path.Combine(folder, "data", "tenants", tenant.Id + ".js")), "TM.loaded(\"tenant:" + tenant.Id + "\", ");
            }

            Assert.IsFalse(File.Exists(Path.Combine(folder, "data", "status.js")), "no status without a connection");
            Assert.IsFalse(Directory.GetDirectories(Path.GetDirectoryName(folder)!, Path.GetFileName(folder) + ".tmp-*").Any(), "no staging folder left");
        }
        finally
        {
            BundleDirectory.Delete(folder);
        }
    }

    [TestMethod]
    public void A_tenant_s_file_holds_the_sql_the_runner_expands_for_it()
    {
        var bundle = LineageGraphTests.Sample("CallAnalytics");
        var folder = TempFolder();
        try
        {
            DocsSite.Write(bundle, folder);

            var tenant = bundle.Manifest.Tenants.First(t => t.Enabled);
            var data = File.ReadAllText(Path.Combine(folder, "data", "tenants", tenant.Id + ".js"));
            var expected = ArtefactExpander.Expand(bundle).Where(i => i.TenantId == tenant.Id).ToList();
            Assert.IsTrue(expected.Count > 0);
            foreach (var instance in expected)
            {
                StringAssert.Contains(data, ScriptFile.Literal(instance.Sql), instance.Artefact.Id);
            }

            StringAssert.DoesNotMatch(data, new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(ArtefactTemplate.TenantPlaceholder)));
        }
        finally
        {
            BundleDirectory.Delete(folder);
        }
    }

    [TestMethod]
    public void A_model_s_file_lists_its_data_tests()
    {
        var bundle = LineageGraphTests.Sample("SalesEtl");
        var tests = bundle.Manifest.DataTests ?? throw new AssertFailedException("SalesEtl declares data tests");
        var model = tests[0].Model;
        var folder = TempFolder();
        try
        {
            DocsSite.Write(bundle, folder);

            var data = File.ReadAllText(Path.Combine(folder, "data", "models", model + ".js"));
            foreach (var test in tests.Where(t => t.Model == model))
            {
                StringAssert.Contains(data, ScriptFile.Literal(test.Name), test.Name);
            }

            foreach (var other in tests.Where(t => t.Model != model))
            {
                Assert.IsFalse(data.Contains(ScriptFile.Literal(other.Name), System.StringComparison.Ordinal), other.Name + " belongs to another model");
            }
        }
        finally
        {
            BundleDirectory.Delete(folder);
        }
    }

    [TestMethod]
    public void A_model_s_file_has_its_description_and_its_columns_descriptions()
    {
        var bundle = LineageGraphTests.Sample("CallAnalytics");
        var described = bundle.Manifest.Descriptions?.FirstOrDefault(d => d.Columns.Count > 0) ?? throw new AssertFailedException("CallAnalytics describes its columns");
        var folder = TempFolder();
        try
        {
            DocsSite.Write(bundle, folder);

            var data = File.ReadAllText(Path.Combine(folder, "data", "models", described.Model + ".js"));
            foreach (var column in described.Columns)
            {
                StringAssert.Contains(data, ScriptFile.Literal(column.Value), column.Key);
            }
        }
        finally
        {
            BundleDirectory.Delete(folder);
        }
    }

    [TestMethod]
    public void Writing_the_same_bundle_twice_gives_the_same_bytes()
    {
        var bundle = LineageGraphTests.Sample("WhiteLabelAnalytics");
        var first = TempFolder();
        var second = TempFolder();
        try
        {
            DocsSite.Write(bundle, first);
            DocsSite.Write(bundle, second, Array.Empty<TenantLiveStatus>());
            DocsSite.Write(bundle, second);

            var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).OrderBy(f => f, StringComparer.Ordinal).ToList(),
                "a rewrite replaces the folder whole: the status file of the first write is gone");
            foreach (var file in files)
            {
                CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)), file);
            }
        }
        finally
        {
            BundleDirectory.Delete(first);
            BundleDirectory.Delete(second);
        }
    }

    [TestMethod]
    public void A_folder_that_is_not_a_site_is_never_replaced()
    {
        var bundle = LineageGraphTests.Sample("CallAnalytics");
        var folder = TempFolder();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        try
        {
            var refused = Assert.ThrowsExactly<IOException>(() => DocsSite.Write(bundle, folder));

            StringAssert.Contains(refused.Message, "is not a documentation site");
            Assert.AreEqual("mine", File.ReadAllText(Path.Combine(folder, "notes.txt")));
            Assert.IsFalse(File.Exists(Path.Combine(folder, "index.html")));
        }
        finally
        {
            BundleDirectory.Delete(folder);
        }
    }

    [TestMethod]
    public void Live_status_is_written_per_tenant_when_given()
    {
        var bundle = LineageGraphTests.Sample("CallAnalytics");
        var folder = TempFolder();
        try
        {
            DocsSite.Write(bundle, folder, new[] { new TenantLiveStatus("org_acme_k3x9", "drift", "1.0.0", new[] { "\"x\".\"call\": missing" }, "2026-01-02 03:04:05Z") });

            var status = File.ReadAllText(Path.Combine(folder, "data", "status.js"));
            StringAssert.Contains(status, "\"org_acme_k3x9\":{\"state\":\"drift\",\"deployedVersion\":\"1.0.0\",\"drift\":[\"\\\"x\\\".\\\"call\\\": missing\"]");
            StringAssert.Contains(File.ReadAllText(Path.Combine(folder, "data", "site.js")), "\"status\":true");
        }
        finally
        {
            BundleDirectory.Delete(folder);
        }
    }
}
