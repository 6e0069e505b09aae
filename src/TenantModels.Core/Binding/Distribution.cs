namespace TenantModels.Core.Binding;

/// <summary>What a bundle is deployed to: tenantmodels.yaml <c>distribution</c>.</summary>
public enum Distribution
{
    /// <summary>One PostgreSQL server per database (the default; a target map spreads databases over servers).</summary>
    Postgres,

    /// <summary>A Citus cluster: the coordinator is the database the runner connects to, tenant schemas live on its workers (docs/citus.md).</summary>
    Citus,
}

/// <summary>The written names of <see cref="Distribution"/>, as in tenantmodels.yaml and manifest.json.</summary>
public static class Distributions
{
    public const string Postgres = "postgres";

    public const string Citus = "citus";

    /// <summary>For TM1005's "expected …".</summary>
    public const string Expected = "postgres or citus";

    public static bool TryParse(string written, out Distribution distribution)
    {
        switch (written)
        {
            case Postgres:
                distribution = Distribution.Postgres;
                return true;
            case Citus:
                distribution = Distribution.Citus;
                return true;
            default:
                distribution = Distribution.Postgres;
                return false;
        }
    }

    /// <summary>The manifest's value: null for one server, so bundles that do not choose Citus keep their exact bytes.</summary>
    public static string? ManifestValue(Distribution distribution) => distribution == Distribution.Citus ? Citus : null;
}
