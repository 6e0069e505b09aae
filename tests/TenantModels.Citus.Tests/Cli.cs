using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner;
using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>The outcome of running the real CLI in-process.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>tenantmodels</c> in-process against the cluster's coordinator, and compiles the projects it applies.</summary>
internal static class Cli
{
    /// <summary>No environment variable is visible, so the machine's PG* settings cannot leak in.</summary>
    public static CliResult Against(string connectionString, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = new RunnerApp(stdout, stderr, _ => null).Run(args.Concat(new[] { "--connection", connectionString }).ToArray());
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A sample of the repository, compiled with <c>distribution: citus</c> added to its tenantmodels.yaml, written as a bundle folder.</summary>
    public static string SampleForCitus(string sample)
    {
        var input = ProjectInput.FromDirectory(RepoPaths.Combine("samples", sample), sample, "1.0.0");
        var settings = input.Files.FirstOrDefault(f => f.RelativePath == "tenantmodels.yaml");
        var files = input.Files.Where(f => f != settings).ToList();
        files.Add(new DefinitionFile(Path.Combine(RepoPaths.Combine("samples", sample), "tenantmodels.yaml"), "tenantmodels.yaml", "distribution: citus\n" + (settings?.Text ?? string.Empty)));
        return Write(ModelProjectCompiler.Compile(input with { Files = files }));
    }

    /// <summary>A project from in-memory YAML files (path, text), written as a bundle folder.</summary>
    public static string Project(string name, params (string Path, string Text)[] files) =>
        Write(ModelProjectCompiler.Compile(new ProjectInput(name, "1.0.0", files.Select(f => new DefinitionFile("/projects/" + name + "/" + f.Path, f.Path, f.Text)).ToList())));

    private static string Write(CompileResult compiled)
    {
        if (!compiled.Succeeded)
        {
            throw new InvalidOperationException("the project does not compile:\n" + string.Join("\n", compiled.Diagnostics));
        }

        return Write(compiled.Bundle!);
    }

    /// <summary>Writes a bundle to a fresh folder under <see cref="TempRoot"/>, as <c>dotnet build</c> would, and returns the folder.</summary>
    public static string Write(Bundle bundle)
    {
        var directory = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"), "bundle");
        BundleDirectory.Write(bundle, directory);
        return directory;
    }

    /// <summary>Every bundle folder of this test process, deleted when the cluster is stopped.</summary>
    public static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "tenantmodels-citus-test-" + Guid.NewGuid().ToString("N"));
}
