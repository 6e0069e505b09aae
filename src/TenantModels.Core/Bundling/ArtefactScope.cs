namespace TenantModels.Core.Bundling;

public enum ArtefactScope
{
    /// <summary>Run once per database, as written.</summary>
    Global,

    /// <summary>A template run once per enabled tenant (that has the artefact's source, when it names one).</summary>
    Tenant,

    /// <summary>Run once per database, expanded over every enabled tenant (see <see cref="UnionTemplate"/>).</summary>
    Union,
}
