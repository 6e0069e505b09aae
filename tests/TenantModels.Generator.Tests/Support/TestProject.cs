using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantModels.Core.Pipeline;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Tests.Support;

/// <summary>A model project's definition files in memory, with the MSBuild properties the SDK passes.</summary>
internal sealed class TestProject
{
    private readonly SortedDictionary<string, string> _files;
    private IReadOnlyList<AdditionalText>? _texts;

    public TestProject(string directory, IEnumerable<KeyValuePair<string, string>> files)
    {
        Directory = directory.TrimEnd('/');
        _files = new SortedDictionary<string, string>(files.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);
    }

    /// <summary>Where the files claim to be; nothing is read from or written to it.</summary>
    public string Directory { get; }

    public string RootNamespace { get; set; } = "CallAnalytics";

    public bool ReportDiagnostics { get; set; }

    /// <summary>The SDK's <c>TenantModelsRegistryFile</c>: the generated code reads its tenants from that file; null: they are in the code.</summary>
    public string? RegistryFile { get; set; }

    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>The definition files of a folder in the repository, claimed to live at <paramref name="directory"/>.</summary>
    public static TestProject FromFolder(string folder, string directory = "/fixtures/App") =>
        new(directory, DefinitionFileLayout.Enumerate(folder)
            .Select(path => new KeyValuePair<string, string>(ProjectInput.Relative(folder, path), File.ReadAllText(path))));

    public string PathOf(string relativePath) => Directory + "/" + relativePath;

    public IReadOnlyDictionary<string, string> Options()
    {
        var options = new Dictionary<string, string>
        {
            [GeneratorSettings.ProjectDirectoryProperty] = Directory,
            [GeneratorSettings.ProjectDirProperty] = Directory + "/",
        };
        if (RootNamespace.Length > 0)
        {
            options[GeneratorSettings.RootNamespaceProperty] = RootNamespace;
        }

        if (ReportDiagnostics)
        {
            options[GeneratorSettings.DiagnosticsProperty] = "true";
        }

        if (RegistryFile is not null)
        {
            options[GeneratorSettings.RegistryFileProperty] = RegistryFile;
        }

        return options;
    }

    /// <summary>The same instances on every call, as the driver needs them to replace one.</summary>
    public IReadOnlyList<AdditionalText> AdditionalTexts() =>
        _texts ??= _files.Select(f => (AdditionalText)new InMemoryAdditionalText(PathOf(f.Key), f.Value)).ToList();

    public TestProject With(string relativePath, string text)
    {
        var files = new Dictionary<string, string>(_files) { [relativePath] = text };
        return new TestProject(Directory, files) { RootNamespace = RootNamespace, ReportDiagnostics = ReportDiagnostics, RegistryFile = RegistryFile };
    }
}
