using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Editor.Tests;

/// <summary>
/// A copy of a sample outside the repository, as a user's own project would be: nothing built, no obj/ folder. It
/// imports the SDK from this repository's source (samples/Sdk) by absolute path, with the task and generator this test
/// run already built.
/// </summary>
internal sealed class SampleProject
{
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromMinutes(4);

    private SampleProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string File(string relativePath) => Path.Combine(Directory, relativePath);

    public static SampleProject Copy(string sample, string target)
    {
        var source = RepoPaths.Combine("samples", sample);
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            System.IO.File.Copy(file, destination);
        }

        var project = Path.Combine(target, sample + ".csproj");
        var sdk = RepoPaths.Combine("samples", "Sdk") + Path.DirectorySeparatorChar;
        System.IO.File.WriteAllText(project, Regex.Replace(System.IO.File.ReadAllText(project), @"\.\./Sdk/", sdk.Replace("\\", "/", StringComparison.Ordinal)));
        return new SampleProject(target);
    }

    /// <summary>`dotnet restore`: what an IDE runs when it opens the project, and `dotnet new` after writing one.</summary>
    public string Restore() => Dotnet("restore");

    /// <summary>
    /// `dotnet build` in this test run's configuration, without rebuilding the task and generator projects in place
    /// (this test project's references built them already).
    /// </summary>
    public string Build() => Dotnet("build", "-c", Configuration, "-p:BuildProjectReferences=false");

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private string Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add("-tl:off");
        // Set by the test host for itself; a child dotnet must find its own MSBuild.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH", "MSBUILDNOINPROCNODE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)DotnetTimeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(" ", arguments)} did not finish within {DotnetTimeout}");
        }

        var output = stdout.Result + stderr.Result;
        Assert.AreEqual(0, process.ExitCode, $"dotnet {string.Join(" ", arguments)} in {Directory}:\n{output}");
        return output;
    }
}
