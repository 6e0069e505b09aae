using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Documentation;
using TenantModels.Core.Pipeline;
using TenantModels.Testing.Browser;

namespace TenantModels.Benchmarks;

/// <summary>
/// The documentation site of the scale project (<see cref="ScaleScenario"/>, default 1,000 tenants × 50 models): how long
/// <see cref="DocsSite.Write"/> takes, how big the site and its largest file are, and how long its pages take to show in
/// headless Chromium opened from the file system (each page a fresh tab; median of a few runs, after a warm-up).
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- docs-site [tenants] [models]</c>
/// </summary>
public static class DocsSiteBenchmark
{
    public const string Command = "docs-site";

    private const int Runs = 5;

    public static void Run(int tenants, int models, TextWriter output)
    {
        var project = ScaleScenario.Write(ScaleScenario.TempDirectory(tenants, models), tenants, models);
        var site = Path.Combine(Path.GetDirectoryName(project)!, Path.GetFileName(project) + "-site");
        try
        {
            var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(project, "Scale", "1.0.0"));
            var bundle = compiled.Bundle ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics));
            var write = Median(() => DocsSite.Write(bundle, site));
            var files = Directory.GetFiles(site, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
            var largest = files.OrderByDescending(f => f.Length).First();
            var firstLoad = files.Where(f => f.DirectoryName == Path.Combine(site, "data") || f.Name is "index.html" or "site.js" or "site.css").Sum(f => f.Length);

            output.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {tenants} tenants × {models} models; median of {Runs} runs");
            output.WriteLine();
            output.WriteLine("| measure | value |");
            output.WriteLine("|---|---|");
            output.WriteLine($"| `DocsSite.Write` (bundle in memory → site on disk) | {write:0} ms |");
            output.WriteLine($"| site on disk | {files.Count:N0} files, {Megabytes(files.Sum(f => f.Length))} |");
            output.WriteLine($"| loaded by the first page (index, assets, data/*.js) | {Megabytes(firstLoad)} |");
            output.WriteLine($"| largest file | {Path.GetRelativePath(site, largest.FullName)}, {Megabytes(largest.Length)} |");

            using var browser = Chromium.Start();
            var index = new Uri(Path.Combine(site, "index.html")).AbsoluteUri;
            var tenant = bundle.Manifest.Tenants[tenants / 2].Id;
            var model = ScaleScenario.ModelName(models / 2);
            foreach (var (name, route, ready) in new[]
            {
                ("lineage (graph of every model)", "lineage", "document.querySelectorAll('#lineage-svg g.node').length > 0"),
                ("tenants (virtualised list)", "tenants", "document.querySelectorAll('.vlist .row').length > 0"),
                ("one tenant (its data file loaded on demand)", "tenant/" + tenant, "document.querySelectorAll('main table').length >= 2"),
                ("one model, SQL for a tenant", "model/" + model + "?tenant=" + tenant, "document.querySelector('pre.tenant-sql') !== null"),
                ("search 'amount' (models, columns, tenants)", "search?q=amount", "document.querySelectorAll('.vlist .row').length > 0"),
            })
            {
                var shown = Median(() =>
                {
                    using var page = browser.NewPage();
                    page.Navigate(index + "#/" + route);
                    page.WaitFor(ready);
                    if (page.Errors.Count > 0)
                    {
                        throw new InvalidOperationException(string.Join("\n", page.Errors));
                    }
                });
                output.WriteLine($"| page shown from file://: {name} | {shown:0} ms |");
            }
        }
        finally
        {
            BundleDirectory.Delete(site);
            BundleDirectory.Delete(project);
        }
    }

    private static double Median(Action action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.OrderBy(t => t).ElementAt(Runs / 2);
    }

    private static string Megabytes(long bytes) => bytes >= 1_000_000 ? $"{bytes / 1_000_000.0:0.0} MB" : $"{bytes / 1_000.0:0} kB";
}
