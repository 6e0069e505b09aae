using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Documentation;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Docs.Tests;

/// <summary>A bundle compiled from a model project and its documentation site written to a temp folder, with the file:// address of its page.</summary>
internal sealed record SiteUnderTest(string Name, Bundle Bundle, string Folder)
{
    public string Url(string route) => new Uri(Path.Combine(Folder, "index.html")).AbsoluteUri + "#/" + route;

    /// <summary>The samples that are model projects (they have a tenant registry), by name.</summary>
    public static string[] Samples() =>
        Directory.GetDirectories(RepoPaths.Combine("samples"))
            .Where(d => File.Exists(Path.Combine(d, "tenants.yaml")))
            .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    public static SiteUnderTest Write(string name, string projectDirectory, ScratchFolder scratch)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(projectDirectory, name, "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var folder = scratch.NewPath("site");
        DocsSite.Write(compiled.Bundle!, folder);
        return new SiteUnderTest(name, compiled.Bundle!, folder);
    }

    public static SiteUnderTest Sample(string name, ScratchFolder scratch) => Write(name, RepoPaths.Combine("samples", name), scratch);

    /// <summary>A sample's site written with a live status (as <c>docs --connection</c> writes it) for each enabled tenant.</summary>
    public static SiteUnderTest WithStatus(string name, ScratchFolder scratch, Func<BundleTenant, TenantLiveStatus> status)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", name), name, "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var folder = scratch.NewPath("site");
        DocsSite.Write(compiled.Bundle!, folder, compiled.Bundle!.Manifest.Tenants.Where(t => t.Enabled).Select(status).ToList());
        return new SiteUnderTest(name, compiled.Bundle!, folder);
    }

    /// <summary>samples/CallAnalytics's sources and models with <paramref name="tenants"/> tenants, every other one on each source.</summary>
    public static SiteUnderTest ManyTenants(int tenants, ScratchFolder scratch)
    {
        var project = scratch.NewPath("ManyTenants");
        var sample = RepoPaths.Combine("samples", "CallAnalytics");
        foreach (var file in Directory.GetFiles(sample, "*.yaml", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "tenants.yaml"))
        {
            var target = Path.Combine(project, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(project, "tenants.yaml"), "tenants:\n" + string.Concat(Enumerable.Range(0, tenants).Select(i =>
            FormattableString.Invariant($"  - id: t_{i:0000}\n    name: Tenant {i}\n    sources: [{(i % 2 == 0 ? "outreach" : "salesloft")}]\n"))));
        return Write("ManyTenants", project, scratch);
    }
}
