using TenantModels.Core.Bundling;

namespace TenantModels.Core.Naming;

/// <summary>A name derived from a tenant (and a source), e.g. <c>&lt;tenant&gt;_stg_&lt;source&gt;</c>.</summary>
public sealed record NamingPattern(string Pattern)
{
    public const string TenantToken = "<tenant>";
    public const string SourceToken = "<source>";

    public static NamingPattern DefaultRawSchema { get; } = new("<tenant>_raw_<source>");

    public static NamingPattern DefaultStagingSchema { get; } = new("<tenant>_stg_<source>");

    /// <summary>Where a tenant's own tables and SQL views live (the schema-per-tenant CRM layout).</summary>
    public static NamingPattern DefaultTenantSchema { get; } = new("tenant_<tenant>");

    /// <summary>Valid when it names the tenant and everything else is name characters, so expansions have the identifier shape.</summary>
    public bool IsValid
    {
        get
        {
            var sample = Pattern.Replace(TenantToken, "a").Replace(SourceToken, "a");
            return Pattern.Contains(TenantToken) && IdentifierRules.HasNameShape(sample);
        }
    }

    public string Expand(string tenantId, string source) => Pattern.Replace(TenantToken, tenantId).Replace(SourceToken, source);

    /// <summary>The name with the source filled in and the tenant left as the bundle's template placeholder.</summary>
    public string Template(string source) => Expand(ArtefactTemplate.TenantPlaceholder, source);

    public override string ToString() => Pattern;
}
