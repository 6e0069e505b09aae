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

    /// <summary>The declared attributes from the SDK's attributes file, when the build gives one.</summary>
    public const string AttributesFile = nameof(AttributesFile);

    /// <summary>Whether there is any definition file at all (nothing is generated otherwise).</summary>
    public const string HasDefinitions = nameof(HasDefinitions);

    /// <summary>Each definition file parsed on its own; an edit re-parses only the edited file.</summary>
    public const string ParsedFiles = nameof(ParsedFiles);

    /// <summary>The registry bound from <c>tenants.yaml</c> and the sources; a model edit leaves it cached.</summary>
    public const string TenantsAnalysis = nameof(TenantsAnalysis);

    /// <summary>Settings, sources, models and seeds bound together, without the tenants; a tenants edit leaves it cached.</summary>
    public const string ModelsAnalysis = nameof(ModelsAnalysis);

    public const string Support = nameof(Support);

    public const string Tenants = nameof(Tenants);

    /// <summary>One item per model (SelectMany), so an edit re-emits only the models whose spec changed.</summary>
    public const string Models = nameof(Models);

    public const string SupportOutput = nameof(SupportOutput);

    public const string TenantsOutput = nameof(TenantsOutput);

    public const string ModelOutput = nameof(ModelOutput);

    /// <summary>What the cross-tenant checks read from the models; equal after most model edits, so the checks stay cached.</summary>
    public const string CrossTenantKey = nameof(CrossTenantKey);

    /// <summary>Core's checks of the tenants with the models (design-time builds only).</summary>
    public const string CrossTenantChecks = nameof(CrossTenantChecks);

    /// <summary>Every TMxxxx diagnostic (design-time builds only), put together from the parses and analyses above.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
