using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Documentation;
using TenantModels.Testing;
using TenantModels.Testing.Browser;

namespace TenantModels.Docs.Tests;

/// <summary>
/// The site of every sample opened from the file system in a real headless Chromium: every page renders with no console
/// error, the lineage graph has exactly the bundle's nodes and edges, and the filters, a click, the tenant's SQL and the
/// search work. A screenshot of each lineage page is attached to the test results.
/// </summary>
[TestClass]
public sealed class DocsSiteBrowserTests
{
    private static readonly ScratchFolder Scratch = new("tm-docs-site");
    private static Chromium? _browser;

    public TestContext TestContext { get; set; } = null!;

    private static Chromium Browser => _browser ??= Chromium.Start();

    [ClassCleanup]
    public static void Cleanup()
    {
        _browser?.Dispose();
        Scratch.Delete();
    }

    public static System.Collections.Generic.IEnumerable<object[]> Samples() => SiteUnderTest.Samples().Select(s => new object[] { s });

    [TestMethod]
    [DynamicData(nameof(Samples))]
    public void Every_page_of_the_sample_s_site_renders_without_a_console_error(string sample)
    {
        var site = SiteUnderTest.Sample(sample, Scratch);
        var graph = LineageGraph.Build(site.Bundle.Manifest);
        using var page = Browser.NewPage();

        Open(page, site, "lineage");
        page.WaitFor("document.querySelectorAll('#lineage-svg g.node').length > 0");

        var nodes = page.Evaluate("Array.from(document.querySelectorAll('#lineage-svg g.node')).map(g => g.getAttribute('data-id'))")!.AsArray();
        CollectionAssert.AreEquivalent(graph.Nodes.Select(n => n.Id).ToArray(), nodes.Select(n => n!.GetValue<string>()).ToArray());
        var edges = page.Evaluate("Array.from(document.querySelectorAll('#lineage-svg path.edge')).map(p => p.getAttribute('data-from') + ' -> ' + p.getAttribute('data-to'))")!.AsArray();
        CollectionAssert.AreEquivalent(graph.Edges.Select(e => e.From + " -> " + e.To).ToArray(), edges.Select(e => e!.GetValue<string>()).ToArray());
        var screenshot = Screenshots.Take(page, "lineage-" + sample + ".png");
        TestContext.AddResultFile(screenshot);
        if (sample == Screenshots.DocumentedSample)
        {
            Screenshots.AcceptIntoDocs(screenshot);
        }

        var model = site.Bundle.Manifest.Artefacts.Select(LineageGraph.ModelOf).First(m => m is not null)!;
        var tenant = site.Bundle.Manifest.Tenants.First(t => t.Enabled).Id;
        foreach (var (route, ready) in new[]
        {
            ("models", "document.querySelectorAll('.vlist .row').length > 0"),
            ("model/" + model, "document.querySelector('#model-sql') !== null"),
            ("model/" + model + "?tenant=" + tenant, "document.querySelector('#model-sql details') !== null"),
            ("tenants", "document.querySelectorAll('.vlist .row').length > 0"),
            ("tenant/" + tenant, "document.querySelectorAll('main table').length >= 2"),
            ("security", "document.querySelector('main h1').textContent === 'Security matrix'"),
            ("search?q=" + model, "document.querySelectorAll('.vlist .row').length > 0"),
            ("lineage?model=" + model + "&tenant=" + tenant, "document.querySelectorAll('#lineage-svg g.node.dim').length >= 0"),
        })
        {
            Open(page, site, route);
            page.WaitFor(ready);
        }

        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void Clicking_a_box_shows_its_details_and_lights_its_lineage()
    {
        var site = SiteUnderTest.Sample("CallAnalytics", Scratch);
        using var page = Browser.NewPage();
        Open(page, site, "lineage");
        page.WaitFor("document.querySelectorAll('#lineage-svg g.node').length > 0");

        page.Evaluate("document.querySelector('#lineage-svg g.node[data-id=\"staging_view.outreach.call\"]').dispatchEvent(new MouseEvent('click', { bubbles: true }))");

        Assert.IsFalse(page.Evaluate("document.getElementById('node-details').hidden")!.GetValue<bool>());
        StringAssert.Contains(page.Evaluate("document.getElementById('node-details').textContent")!.GetValue<string>(), "\"{{tenant}}_stg_outreach\".\"call\"");
        CollectionAssert.AreEquivalent(new[] { "source.salesloft", "staging_view.salesloft.call" },
            Ids(page, "#lineage-svg g.node.dim"), "only the other source's branch is dimmed: the clicked box reads outreach and feeds the canonical view");
        Assert.AreEqual(2, page.Evaluate("document.querySelectorAll('#lineage-svg path.edge.lit').length")!.GetValue<int>());

        page.Evaluate("document.querySelector('#node-details button.close').click()");
        Assert.IsTrue(page.Evaluate("document.getElementById('node-details').hidden")!.GetValue<bool>());
        Assert.AreEqual(0, Ids(page, "#lineage-svg g.node.dim").Length, "closing the details clears the highlight");
        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void Filtering_by_tenant_hides_the_sources_it_does_not_have_and_by_model_dims_the_others()
    {
        var site = SiteUnderTest.Sample("CallAnalytics", Scratch);
        using var page = Browser.NewPage();

        Open(page, site, "lineage?tenant=org_javi_2_e0eynhkr");
        page.WaitFor("document.querySelectorAll('#lineage-svg g.node').length > 0");
        CollectionAssert.AreEquivalent(new[] { "source.salesloft", "staging_view.salesloft.call" }, Ids(page, "#lineage-svg g.node.absent"));

        Open(page, site, "lineage?model=call");
        page.WaitFor("document.querySelectorAll('#lineage-svg g.node').length > 0");
        Assert.AreEqual(0, Ids(page, "#lineage-svg g.node.dim").Length, "every box is upstream or part of call");
        Assert.AreEqual("call", page.Evaluate("document.getElementById('filter-model').value")!.GetValue<string>());
        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void A_model_page_shows_the_sql_expanded_for_the_chosen_tenant()
    {
        var site = SiteUnderTest.Sample("CallAnalytics", Scratch);
        using var page = Browser.NewPage();

        Open(page, site, "model/call?tenant=org_javi_2_e0eynhkr");
        page.WaitFor("document.querySelector('pre.tenant-sql') !== null");

        var sql = page.Evaluate("Array.from(document.querySelectorAll('pre.tenant-sql')).map(p => p.textContent).join('\\n')")!.GetValue<string>();
        StringAssert.Contains(sql, "\"org_javi_2_e0eynhkr_stg_outreach\".\"call\"");
        StringAssert.Contains(sql, "\"org_javi_2_e0eynhkr_raw_outreach\"");
        Assert.IsFalse(sql.Contains("{{tenant}}", StringComparison.Ordinal), sql);
        Assert.IsFalse(sql.Contains("salesloft", StringComparison.Ordinal), "javi has no salesloft: " + sql);
        var columns = page.Evaluate("Array.from(document.querySelectorAll('main table')[1].querySelectorAll('tbody tr td:first-child')).map(td => td.textContent)")!.AsArray();
        CollectionAssert.AreEqual(new[] { "call_id", "call_created_at", "user_id", "call_disposition_name" }, columns.Select(c => c!.GetValue<string>()).ToArray());
        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void The_status_page_shows_each_tenant_s_live_status()
    {
        var site = SiteUnderTest.WithStatus("CallAnalytics", Scratch, t => new TenantLiveStatus(t.Id, t.Id.StartsWith("org_javi", StringComparison.Ordinal) ? "drift" : "up to date", "1.0.0",
            t.Id.StartsWith("org_javi", StringComparison.Ordinal) ? new[] { "\"x\".\"call\": object is missing" } : Array.Empty<string>(), "2026-12-06 10:00:00Z", "2026-12-06 11:30:00Z"));
        using var page = Browser.NewPage();

        Open(page, site, "status");
        page.WaitFor("document.querySelectorAll('.vlist .row').length > 0");

        var text = page.Evaluate("document.querySelector('main').textContent")!.GetValue<string>();
        StringAssert.Contains(text, "drift: \"x\".\"call\": object is missing");
        StringAssert.Contains(text, "refreshed 2026-12-06 11:30:00Z");
        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void Typing_in_the_search_box_searches_as_one_history_entry()
    {
        var site = SiteUnderTest.Sample("CallAnalytics", Scratch);
        using var page = Browser.NewPage();
        Open(page, site, "lineage");

        page.Evaluate("(() => { const s = document.getElementById('search'); s.value = 'us'; s.dispatchEvent(new Event('input')); })()");
        page.WaitFor("location.hash === '#/search?q=us' && document.body.getAttribute('data-route') === location.hash");
        var entries = page.Evaluate("history.length")!.GetValue<int>();
        page.Evaluate("(() => { const s = document.getElementById('search'); s.value = 'user_id'; s.dispatchEvent(new Event('input')); })()");
        page.WaitFor("document.body.getAttribute('data-route') === '#/search?q=user_id'");

        Assert.AreEqual(entries, page.Evaluate("history.length")!.GetValue<int>(), "a key typed is not a page to go back to");
        StringAssert.StartsWith(page.Evaluate("document.querySelector('main h1').textContent")!.GetValue<string>(), "1 result for");
        StringAssert.Contains(page.Evaluate("document.querySelector('.vlist').textContent")!.GetValue<string>(), "call.user_id");
        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void A_missing_tenant_is_said_on_the_page_not_thrown()
    {
        var site = SiteUnderTest.Sample("CallAnalytics", Scratch);
        using var page = Browser.NewPage();

        Open(page, site, "tenant/nobody");
        page.WaitFor("document.querySelector('main div').textContent.indexOf('no tenant') >= 0");

        StringAssert.Contains(page.Evaluate("document.querySelector('main div').textContent")!.GetValue<string>(), "no tenant 'nobody' in this site");
        Assert.IsTrue(page.Errors.Count > 0 && page.Errors.All(e => e.Contains("nobody.js", StringComparison.Ordinal)),
            "the missing file, and only it, is an error the browser reports: " + string.Join("\n", page.Errors));
    }

    [TestMethod]
    public void A_thousand_tenants_are_a_virtualised_list_and_searchable()
    {
        var site = SiteUnderTest.ManyTenants(1000, Scratch);
        using var page = Browser.NewPage();

        Open(page, site, "tenants");
        page.WaitFor("document.querySelectorAll('.vlist .row').length > 0");
        Assert.AreEqual(1000, page.Evaluate("TM.tenants.length")!.GetValue<int>());
        var rendered = page.Evaluate("document.querySelectorAll('.vlist .row').length")!.GetValue<int>();
        Assert.IsTrue(rendered < 100, $"{rendered} rows in the DOM for 1,000 tenants: the list is not virtualised");

        page.Evaluate("(() => { const l = document.querySelector('.vlist'); l.scrollTop = l.scrollHeight; l.dispatchEvent(new Event('scroll')); })()");
        page.WaitFor("Array.from(document.querySelectorAll('.vlist .row a')).some(a => a.textContent === 't_0999')");

        Open(page, site, "search?q=t_099");
        page.WaitFor("document.querySelectorAll('.vlist .row').length > 0");
        StringAssert.StartsWith(page.Evaluate("document.querySelector('main h1').textContent")!.GetValue<string>(), "10 results");
        Open(page, site, "search?q=disposition");
        page.WaitFor("document.querySelectorAll('.vlist .row').length > 0");
        StringAssert.Contains(page.Evaluate("document.querySelector('.vlist').textContent")!.GetValue<string>(), "call.call_disposition_name");
        Assert.AreEqual(0, page.Errors.Count, string.Join("\n", page.Errors));
    }

    /// <summary>Opens a route and waits until the page has rendered it (a new hash is handled by the same document, later).</summary>
    private static void Open(DevToolsPage page, SiteUnderTest site, string route)
    {
        page.Navigate(site.Url(route));
        page.WaitFor("document.body.getAttribute('data-route') === " + System.Text.Json.JsonSerializer.Serialize("#/" + route));
    }

    private static string[] Ids(DevToolsPage page, string selector) =>
        page.Evaluate($"Array.from(document.querySelectorAll('{selector}')).map(g => g.getAttribute('data-id'))")!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
