using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantModels.Generator.Analysis;
using TenantModels.Generator.Emitting;
using TenantModels.Generator.Model;

namespace TenantModels.Generator;

/// <summary>
/// Typed C# for a model project: its tenants, one row record and one <c>Models.X</c> class per model, and (in the
/// IDE) the TMxxxx diagnostics of the definition files. The pipeline only wires steps: each file is parsed on its
/// own (<see cref="ParsedDefinition"/>); the tenants (<see cref="TenantsAnalysis"/>) and the models
/// (<see cref="ModelsAnalysis"/>) are analysed apart, so a model edit never re-reads the tenants and a tenants edit
/// never re-binds the models; <see cref="Emitter"/> writes C# from specs alone.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TenantModelsGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(Parser.Settings)
            .WithTrackingName(TrackingNames.Settings);

        var compilationFacts = context.CompilationProvider
            .Select((compilation, _) => (
                AssemblyName: compilation.AssemblyName,
                ReferencesNpgsql: compilation.ReferencedAssemblyNames.Any(a => string.Equals(a.Name, "Npgsql", StringComparison.Ordinal))))
            .WithTrackingName(TrackingNames.CompilationFacts);

        var emitOptions = settings.Combine(compilationFacts)
            .Select((pair, _) => Parser.EmitOptions(pair.Left.RootNamespace, pair.Right.AssemblyName, pair.Right.ReferencesNpgsql))
            .WithTrackingName(TrackingNames.EmitOptions);

        var definitions = context.AdditionalTextsProvider
            .Combine(settings.Select((s, _) => s.ProjectDirectory))
            .Select((pair, cancellationToken) => Parser.Definition(pair.Left, pair.Right, cancellationToken))
            .Where(file => file is not null)
            .Select((file, _) => file!)
            .WithTrackingName(TrackingNames.DefinitionFiles);

        // Where the generator does not read tenants.yaml (the SDK's command-line builds), the declared attributes come from here.
        var attributesFile = context.AdditionalTextsProvider
            .Select(Parser.AttributesFile)
            .Where(file => file is not null)
            .Collect()
            .Select((files, _) => files.IsEmpty ? null : files[0])
            .WithTrackingName(TrackingNames.AttributesFile);

        var hasDefinitions = definitions.Collect()
            .Combine(attributesFile)
            .Select((pair, _) => pair.Left.Length > 0 || pair.Right is not null)
            .WithTrackingName(TrackingNames.HasDefinitions);

        var parsed = definitions
            .Select(ParsedDefinition.Parse)
            .WithTrackingName(TrackingNames.ParsedFiles);

        // Tenants need the sources (a tenant's unknown source is dropped) and nothing else.
        var tenantsAnalysis = parsed
            .Where(file => file.IsTenants || file.IsSource)
            .Collect()
            .Select(TenantsAnalysis.Analyze)
            .WithTrackingName(TrackingNames.TenantsAnalysis);

        // Models need everything but the tenants.
        var modelsAnalysis = parsed
            .Where(file => !file.IsTenants)
            .Collect()
            .Select(ModelsAnalysis.Analyze)
            .WithTrackingName(TrackingNames.ModelsAnalysis);

        var support = modelsAnalysis.Combine(hasDefinitions)
            .Select((pair, _) => pair.Right ? pair.Left.Spec.Support : null)
            .WithTrackingName(TrackingNames.Support);
        var registry = tenantsAnalysis.Combine(hasDefinitions)
            .Combine(attributesFile.Combine(settings.Select((s, _) => s.RegistryFile)))
            .Select((input, _) => Registry(input.Left.Left.Spec, input.Left.Right, input.Right.Left, input.Right.Right))
            .WithTrackingName(TrackingNames.Tenants);
        var models = modelsAnalysis
            .SelectMany((analysis, _) => analysis.Spec.Models)
            .WithTrackingName(TrackingNames.Models);

        // Only design-time (IDE) builds report diagnostics; other builds never run the checks that involve every tenant.
        var reportDiagnostics = settings.Select((s, _) => s.ReportDiagnostics);
        var crossTenant = tenantsAnalysis
            .Combine(modelsAnalysis.Select((analysis, _) => analysis.CrossTenant).WithTrackingName(TrackingNames.CrossTenantKey))
            .Combine(reportDiagnostics)
            .Select((input, cancellationToken) => input.Right
                ? CrossTenantChecks.Run(input.Left.Left, input.Left.Right, cancellationToken)
                : EquatableArray<Core.Diagnostics.Diagnostic>.Empty)
            .WithTrackingName(TrackingNames.CrossTenantChecks);
        var diagnostics = parsed.Collect()
            .Combine(tenantsAnalysis.Select((analysis, _) => analysis.Diagnostics))
            .Combine(modelsAnalysis.Select((analysis, _) => analysis.Diagnostics))
            .Combine(crossTenant)
            .Combine(reportDiagnostics)
            .Select((input, _) => input.Right
                ? DiagnosticsAnalysis.Combine(input.Left.Left.Left.Left, input.Left.Left.Left.Right, input.Left.Left.Right, input.Left.Right)
                : EquatableArray<DiagnosticSpec>.Empty)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(support.Combine(emitOptions).WithTrackingName(TrackingNames.SupportOutput), static (output, pair) =>
        {
            if (pair.Left is { } spec)
            {
                output.AddSource(Emitter.SupportHintName, Emitter.Support(spec, pair.Right));
            }
        });

        context.RegisterSourceOutput(registry.Combine(emitOptions).WithTrackingName(TrackingNames.TenantsOutput), static (output, pair) =>
        {
            if (pair.Left is { } spec)
            {
                output.AddSource(Emitter.TenantsHintName, Emitter.Tenants(spec, pair.Right));
            }
        });

        context.RegisterSourceOutput(models.Combine(emitOptions).WithTrackingName(TrackingNames.ModelOutput), static (output, pair) =>
            output.AddSource(Emitter.ModelHintName(pair.Left), Emitter.Model(pair.Left, pair.Right)));

        context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(DiagnosticFactory.Create(diagnostic));
            }
        });
    }

    /// <summary>
    /// With a registry file, only the attributes shape the code (from the attributes file when the build gives one, else
    /// from tenants.yaml), so the spec, and the emitted code, stay the same however the tenants change.
    /// </summary>
    private static TenantsSpec? Registry(TenantsSpec analysed, bool hasDefinitions, AttributesFileSpec? attributesFile, string? registryFile)
    {
        if (!hasDefinitions)
        {
            return null;
        }

        return registryFile is null
            ? analysed
            : new TenantsSpec(attributesFile?.Attributes ?? analysed.Attributes, EquatableArray<TenantSpec>.Empty, registryFile);
    }
}
