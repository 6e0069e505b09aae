namespace TenantModels.Generator.Model;

/// <summary>What the project tells the generator through compiler-visible MSBuild properties.</summary>
/// <param name="ProjectDirectory"><c>MSBuildProjectDirectory</c> (or <c>ProjectDir</c>): definition files are classified by their path relative to it.</param>
/// <param name="RootNamespace"><c>RootNamespace</c>, when set.</param>
/// <param name="ReportDiagnostics">
/// <c>TenantModelsGeneratorDiagnostics</c>: the SDK sets it for design-time (IDE) builds only, because command-line
/// builds already get every TMxxxx diagnostic from the MSBuild task and must not report each problem twice.
/// </param>
/// <param name="RegistryFile">
/// <c>TenantModelsRegistryFile</c>: the file name of the registry the SDK writes beside the assembly; set, the generated
/// <c>Tenants</c> reads its tenants from it at run time instead of carrying them (so editing a tenant does not recompile C#).
/// </param>
internal sealed record GeneratorSettings(string? ProjectDirectory, string? RootNamespace, bool ReportDiagnostics, string? RegistryFile = null)
{
    public const string RegistryFileProperty = "build_property.TenantModelsRegistryFile";

    public const string ProjectDirectoryProperty = "build_property.MSBuildProjectDirectory";
    public const string ProjectDirProperty = "build_property.ProjectDir";
    public const string RootNamespaceProperty = "build_property.RootNamespace";
    public const string DiagnosticsProperty = "build_property.TenantModelsGeneratorDiagnostics";
}
