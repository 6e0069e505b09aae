using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantModels.Generator.Emitting;
using TenantModels.Generator.Model;

namespace TenantModels.Generator;

/// <summary>
/// Typed C# for a model project: its tenants, one row record and one <c>Models.X</c> class per model, and (in the
/// IDE) the TMxxxx diagnostics of the definition files. The pipeline only wires steps: <see cref="Parser"/> turns
/// inputs into equatable specs through TenantModels.Core, <see cref="Emitter"/> writes C# from specs alone.
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

        var project = definitions.Collect()
            .Select(Parser.Project)
            .WithTrackingName(TrackingNames.Project);

        var support = project
            .Select((p, _) => p.HasDefinitions ? p.Support : null)
            .WithTrackingName(TrackingNames.Support);
        var tenants = project
            .Select((p, _) => p.HasDefinitions ? p.Tenants : null)
            .WithTrackingName(TrackingNames.Tenants);
        var models = project
            .SelectMany((p, _) => p.Models)
            .WithTrackingName(TrackingNames.Models);
        var diagnostics = project
            .Select((p, _) => p.Diagnostics)
            .Combine(settings.Select((s, _) => s.ReportDiagnostics))
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(support.Combine(emitOptions).WithTrackingName(TrackingNames.SupportOutput), static (output, pair) =>
        {
            if (pair.Left is { } spec)
            {
                output.AddSource(Emitter.SupportHintName, Emitter.Support(spec, pair.Right));
            }
        });

        context.RegisterSourceOutput(tenants.Combine(emitOptions).WithTrackingName(TrackingNames.TenantsOutput), static (output, pair) =>
        {
            if (pair.Left is { } spec)
            {
                output.AddSource(Emitter.TenantsHintName, Emitter.Tenants(spec, pair.Right));
            }
        });

        context.RegisterSourceOutput(models.Combine(emitOptions).WithTrackingName(TrackingNames.ModelOutput), static (output, pair) =>
            output.AddSource(Emitter.ModelHintName(pair.Left), Emitter.Model(pair.Left, pair.Right)));

        context.RegisterSourceOutput(diagnostics, static (output, pair) =>
        {
            if (pair.Right)
            {
                foreach (var diagnostic in pair.Left)
                {
                    output.ReportDiagnostic(DiagnosticFactory.Create(diagnostic));
                }
            }
        });
    }
}
