using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantModels.Core.Pipeline;
using TenantModels.Generator.Model;

namespace TenantModels.Generator;

/// <summary>From Roslyn inputs (build properties, additional files) to plain data; the analyses are in <c>Analysis/</c>.</summary>
internal static class Parser
{
    public static GeneratorSettings Settings(AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var global = options.GlobalOptions;
        var directory = Value(global, GeneratorSettings.ProjectDirectoryProperty) ?? Value(global, GeneratorSettings.ProjectDirProperty);
        var diagnostics = string.Equals(Value(global, GeneratorSettings.DiagnosticsProperty), "true", StringComparison.OrdinalIgnoreCase);
        return new GeneratorSettings(directory, Value(global, GeneratorSettings.RootNamespaceProperty), diagnostics, Value(global, GeneratorSettings.RegistryFileProperty));
    }

    /// <returns>The declared attributes when <paramref name="file"/> is the SDK's attributes file, else null.</returns>
    public static AttributesFileSpec? AttributesFile(AdditionalText file, CancellationToken cancellationToken)
    {
        if (!string.Equals(System.IO.Path.GetFileName(file.Path), Core.CodeModel.TenantRegistryFile.AttributesFileName, StringComparison.Ordinal))
        {
            return null;
        }

        var text = file.GetText(cancellationToken);
        var attributes = text is null ? null : Core.CodeModel.TenantRegistryFile.ReadAttributes(text.ToString());
        return attributes is null
            ? null
            : new AttributesFileSpec(attributes.Select(a => new AttributeSpec(a.Name, a.MemberName, a.SqlType, a.PropertyType, a.Nullable, a.Decoder)).ToEquatableArray());
    }

    /// <returns>The file as data, or null when it is not a definition file (by its path relative to the project).</returns>
    public static DefinitionText? Definition(AdditionalText file, string? projectDirectory, CancellationToken cancellationToken)
    {
        if (projectDirectory is null)
        {
            return null;
        }

        var relative = ProjectInput.Relative(projectDirectory, file.Path);
        if (DefinitionFileLayout.KindOf(relative) == DefinitionFileKind.Unknown)
        {
            return null;
        }

        var text = file.GetText(cancellationToken);
        return text is null ? null : new DefinitionText(file.Path, relative, text.ToString());
    }

    public static EmitOptions EmitOptions(string? rootNamespace, string? assemblyName, bool referencesNpgsql) =>
        new(Namespace(rootNamespace) ?? Namespace(assemblyName) ?? "TenantModels.Generated", referencesNpgsql);

    private static string? Value(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A valid C# namespace from an MSBuild name (<c>My-App.Data</c> → <c>My_App.Data</c>), or null.</summary>
    private static string? Namespace(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var parts = name!.Split('.').Select(part =>
        {
            var chars = part.Select(ch => char.IsLetterOrDigit(ch) || ch == '_' ? ch : '_').ToArray();
            var identifier = new string(chars);
            if (identifier.Length == 0 || char.IsDigit(identifier[0]))
            {
                identifier = "_" + identifier;
            }

            return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
                ? "@" + identifier
                : identifier;
        });
        return string.Join(".", parts);
    }
}
