using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantModels.Benchmarks;

/// <summary>
/// The generator hosted as an IDE hosts it: one <see cref="GeneratorDriver"/> kept across edits of the scale project,
/// each keystroke an edit of one model file; and what the compiler then does with the generated code.
/// </summary>
internal sealed class IdeSession
{
    private readonly AdditionalText _original;
    private readonly AdditionalText _edited;
    private bool _isEdited;

    /// <param name="designTime">Diagnostics on, as the SDK sets for the IDE's design-time builds.</param>
    public IdeSession(string directory, bool designTime)
    {
        Directory = directory;
        var texts = GeneratorHost.Texts(directory).ToArray();
        var editedPath = Path.Combine(directory, ScaleScenario.EditedModel);
        _original = texts.Single(t => t.Path == editedPath);
        _edited = GeneratorHost.Text(editedPath, ScaleScenario.Model(0, nullable: false));
        Compilation = GeneratorHost.Compilation();
        Driver = GeneratorHost.Driver(directory, texts, designTime).RunGeneratorsAndUpdateCompilation(Compilation, out var output, out _);
        Output = output;
        GeneratedTrees = Driver.GetRunResult().GeneratedTrees;
    }

    public string Directory { get; }

    public CSharpCompilation Compilation { get; }

    public GeneratorDriver Driver { get; private set; }

    /// <summary>The compilation with every generated file.</summary>
    public Compilation Output { get; }

    public IReadOnlyList<SyntaxTree> GeneratedTrees { get; }

    /// <summary>One edit of <see cref="ScaleScenario.EditedModel"/> (alternately making a column nullable and not) and the generator's run after it.</summary>
    public GeneratorDriver Keystroke()
    {
        var (from, to) = _isEdited ? (_edited, _original) : (_original, _edited);
        _isEdited = !_isEdited;
        Driver = Driver.ReplaceAdditionalText(from, to).RunGenerators(Compilation);
        return Driver;
    }

    /// <summary>Semantic diagnostics of every generated file, from a compilation that has bound nothing yet (as after an edit).</summary>
    public int SemanticDiagnostics()
    {
        var fresh = Output.Clone();
        var count = 0;
        foreach (var tree in GeneratedTrees)
        {
            count += fresh.GetSemanticModel(tree).GetDiagnostics().Length;
        }

        return count;
    }

    /// <summary>Semantic diagnostics of one generated file (e.g. the tenants'), from a compilation that has bound nothing yet.</summary>
    public int SemanticDiagnostics(string hintName)
    {
        var tree = GeneratedTrees.Single(t => t.FilePath.EndsWith(hintName, StringComparison.Ordinal));
        return Output.Clone().GetSemanticModel(tree).GetDiagnostics().Length;
    }

    /// <summary>The generator's first run in a new driver, as in a build (no diagnostics).</summary>
    public static GeneratorDriver GeneratorOnly(string directory) =>
        GeneratorHost.Driver(directory, GeneratorHost.Texts(directory)).RunGenerators(GeneratorHost.Compilation());

    /// <summary>What csc does in a build: run the generator (a new driver) and compile everything to an assembly.</summary>
    public static long GeneratorAndCompile(string directory)
    {
        var driver = GeneratorHost.Driver(directory, GeneratorHost.Texts(directory));
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHost.Compilation(), out var output, out _);
        using var assembly = new MemoryStream();
        var result = output.Emit(assembly);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", errors.Take(10)));
        }

        return assembly.Length;
    }
}
