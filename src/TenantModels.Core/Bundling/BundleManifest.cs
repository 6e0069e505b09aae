using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>What <c>manifest.json</c> holds. Artefacts are listed in execution order.</summary>
/// <remarks>
/// <paramref name="DatabasePattern"/>: for database-per-tenant projects, how each tenant's database is named (<c>&lt;tenant&gt;_db</c>).
/// <paramref name="ToolchainVersion"/> and <paramref name="DefinitionsSchemaVersion"/> record what wrote the bundle, so a
/// runner can tell a bundle from a newer TenantModels apart from a damaged one.
/// <paramref name="Security"/>: role names and isolation checks of a secured project; the key is written only when set,
/// so bundles without a <c>security:</c> section are byte-identical to those of earlier versions.
/// <paramref name="Attributes"/>: the tenant attributes the registry declares, with their types, so the runner can select
/// tenants by them (<c>--where</c>); written only when declared, like each tenant's tier and attribute values.
/// <paramref name="DeployChecksum"/>: the checksum of <c>deploy.sql</c>, which is derived from the rest, so it is not covered
/// by <paramref name="ContentHash"/>. Format 1 manifests have none.
/// <paramref name="TenantValues"/>: the per-tenant values (<c>{{ tier }}</c>, <c>{{ attr('name') }}</c>) the SQL uses, each tenant's
/// own in <see cref="BundleTenant.Values"/>; written only when there are some.
/// <paramref name="Waves"/>: the rollout waves of tenantmodels.yaml, in order; written only when declared (covered by the
/// content hash like everything else in the manifest), so older bundles and bundles without waves keep their bytes.
/// <paramref name="Distribution"/>: <c>citus</c> when the bundle is for a Citus cluster (the runner checks the cluster and
/// distributes tenant schemas); written only then, so other bundles keep their exact bytes.
/// <paramref name="DataTests"/>: the data tests <c>tenantmodels test</c> runs (<see cref="BundleDataTest"/>); written only when
/// there are some, so other bundles keep their exact bytes, and runners that do not know them read the bundle as before.
/// <paramref name="Schedules"/>: the models refreshed on a schedule (pg_cron jobs the runner installs), and
/// <paramref name="ScheduleTenants"/> the time zone and timeout each tenant's jobs run with (the registry's defaults last, for
/// tenants provisioned at run time). Covered by the content hash; written only when some model has a schedule, so other
/// bundles keep their exact bytes.
/// </remarks>
public sealed record BundleManifest(
    int FormatVersion,
    string Project,
    string BundleVersion,
    string ContentHash,
    IReadOnlyList<BundleSource> Sources,
    IReadOnlyList<BundleTenant> Tenants,
    IReadOnlyList<BundleArtefact> Artefacts,
    string? DatabasePattern = null,
    string? ToolchainVersion = null,
    int DefinitionsSchemaVersion = BundleManifest.CurrentDefinitionsSchemaVersion,
    BundleSecurity? Security = null,
    string? DeployChecksum = null,
    IReadOnlyList<TenantValueDeclaration>? TenantValues = null,
    IReadOnlyList<BundleAttribute>? Attributes = null,
    IReadOnlyList<Waves.BundleWave>? Waves = null,
    string? Distribution = null,
    IReadOnlyList<BundleDataTest>? DataTests = null,
    IReadOnlyList<ModelDescription>? Descriptions = null,
    IReadOnlyList<BundleSchedule>? Schedules = null,
    IReadOnlyList<ScheduleTenant>? ScheduleTenants = null)
{
    /// <summary>The bundle format this build of TenantModels writes when the SQL uses no per-tenant values. 2: manifests carry deploy.sql's checksum.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>
    /// 3: the manifest carries per-tenant values (<c>tenantValues</c>), which the runner writes into the SQL. Only bundles
    /// whose SQL uses them are format 3: a runner that does not know them refuses such a bundle rather than sending a
    /// placeholder to PostgreSQL, and every other bundle stays readable by older runners.
    /// </summary>
    public const int TenantValuesFormatVersion = 3;

    /// <summary>
    /// 4: some artefacts have tenants' own statements (<see cref="BundleArtefact.TenantVariants"/>, from mapping overrides).
    /// A runner that does not know them would run the shared statement for those tenants, so it must refuse the bundle;
    /// bundles without overrides keep their format.
    /// </summary>
    public const int TenantVariantsFormatVersion = 4;

    /// <summary>
    /// 5: the bundle is for a Citus cluster (<see cref="Distribution"/>). A runner that does not know Citus would apply it
    /// as to one server — tenant schemas left on the coordinator, shared tables distributed without the cluster check —
    /// so it must refuse the bundle; bundles for one server keep their format.
    /// </summary>
    public const int CitusFormatVersion = 5;

    /// <summary>The newest format this build reads.</summary>
    public const int NewestReadableFormatVersion = CitusFormatVersion;

    /// <summary>The oldest format this build still reads: format 1 (TenantModels 0.1.0), whose deploy.sql has no checksum.</summary>
    public const int OldestReadableFormatVersion = 1;

    /// <summary>The version of the YAML definition language (and its JSON Schemas) this build of TenantModels reads.</summary>
    public const int CurrentDefinitionsSchemaVersion = 1;

    /// <summary>The TenantModels version that wrote a bundle: major.minor.patch of the Core assembly.</summary>
    public static string CurrentToolchainVersion { get; } = ToolchainVersionOf(typeof(BundleManifest).Assembly.GetName().Version);

    private static string ToolchainVersionOf(System.Version? version) =>
        version is null ? "0.0.0" : $"{version.Major}.{version.Minor}.{System.Math.Max(version.Build, 0)}";

    /// <summary>The database <c>naming.database</c> gives a tenant; null when tenants share databases (no pattern).</summary>
    public string? DatabaseOf(string tenantId) => DatabasePattern is { } pattern ? DatabaseOf(pattern, tenantId) : null;

    /// <summary>The database a <c>naming.database</c> pattern gives a tenant (ids are validated names: no escaping needed).</summary>
    public static string DatabaseOf(string pattern, string tenantId) => pattern.Replace(Naming.NamingPattern.TenantToken, tenantId);

    public const string FileName = "manifest.json";
    public const string DeployScriptFileName = "deploy.sql";
}
