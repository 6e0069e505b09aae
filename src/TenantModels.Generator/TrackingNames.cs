namespace TenantModels.Generator;

/// <summary>Names of the pipeline's steps, so tests can assert which ones re-ran (see the incrementality tests).</summary>
internal static class TrackingNames
{
    /// <summary>Project directory, namespace and diagnostics switch from the compiler-visible properties.</summary>
    public const string Settings = nameof(Settings);

    /// <summary>The assembly name (fallback namespace) and whether Npgsql is referenced.</summary>
    public const string CompilationFacts = nameof(CompilationFacts);

    /// <summary>Namespace and Npgsql switch every emitter uses.</summary>
    public const string EmitOptions = nameof(EmitOptions);

    /// <summary>Each definition file as (path, relative path, text); other AdditionalFiles are dropped.</summary>
    public const string DefinitionFiles = nameof(DefinitionFiles);

    /// <summary>All definition files analysed by TenantModels.Core into one equatable spec.</summary>
    public const string Project = nameof(Project);

    public const string Support = nameof(Support);

    public const string Tenants = nameof(Tenants);

    /// <summary>One item per model (SelectMany), so an edit re-emits only the models whose spec changed.</summary>
    public const string Models = nameof(Models);

    public const string SupportOutput = nameof(SupportOutput);

    public const string TenantsOutput = nameof(TenantsOutput);

    public const string ModelOutput = nameof(ModelOutput);

    public const string Diagnostics = nameof(Diagnostics);
}
