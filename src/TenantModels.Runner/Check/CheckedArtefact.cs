using Npgsql;

namespace TenantModels.Runner.Check;

/// <summary>What the check made of one artefact.</summary>
internal enum CheckOutcome
{
    /// <summary>Applied without error.</summary>
    Passed,

    /// <summary>PostgreSQL rejected it (<see cref="CheckedArtefact.Error"/>).</summary>
    Failed,

    /// <summary>Not run (<see cref="CheckedArtefact.Reason"/> says why); an empty object of its declared columns stands in for it.</summary>
    StoodIn,

    /// <summary>Not run (<see cref="CheckedArtefact.Reason"/> says why), and nothing stands in for it.</summary>
    NotChecked,
}

/// <param name="TenantId">The check tenant for tenant artefacts; null for global and union ones.</param>
/// <param name="SqlAt">The artefact's <see cref="TenantModels.Core.Bundling.BundleArtefact.SqlAt"/>: where its SQL model's body starts in the YAML.</param>
/// <param name="Statement">For a failure: the SQL that failed, which the error's position points into.</param>
internal sealed record CheckedArtefact(string ArtefactId, string? TenantId, CheckOutcome Outcome, string? Reason = null, PostgresException? Error = null, string? DefinedAt = null,
    string? Statement = null, string? SqlAt = null);
