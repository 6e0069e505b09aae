namespace TenantModels.Core.Compilation;

/// <summary>Artefact ids are stable across builds and independent of tenants: the runner keys its records on them.</summary>
internal static class ArtefactIds
{
    public const string CanonicalSchema = "canonical_schema";

    public static string StagingSchema(string source) => "staging_schema." + source;

    public static string StagingView(string source, string model) => "staging_view." + source + "." + model;

    public static string CanonicalView(string model) => "canonical_view." + model;

    public static string CanonicalTable(string model) => "canonical_table." + model;

    public static string CanonicalPartition(string model) => "canonical_partition." + model;

    public static string CanonicalRefresh(string model) => "canonical_refresh." + model;

    public const string TenantSchema = "tenant_schema";

    public const string SharedSchema = "shared_schema";

    public static string Table(string model) => "table." + model;

    public static string View(string model) => "view." + model;

    public static string MaterializedView(string model) => "materialized_view." + model;

    public static string Seed(string model) => "seed." + model;

    public const string SecurityRoles = "security.roles";

    public const string SecurityTenantRoles = "security.tenant_roles";

    /// <summary>The grants (and policies) of the object artefact <paramref name="objectId"/>.</summary>
    public static string Grants(string objectId) => "grants." + objectId;
}
