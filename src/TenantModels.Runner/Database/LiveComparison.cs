using System.Collections.Generic;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// The deployment record read against the live database: every record that no longer matches carries its
/// <see cref="DeployedArtefact.Live"/> condition (what <c>plan</c> and <c>apply</c> repair), and <see cref="Drift"/>
/// says why, row by row (what <c>verify</c> prints). One comparison serves all of them.
/// </summary>
/// <param name="SkippedChecks">Row-visibility checks not run because the connecting role may not SET ROLE.</param>
/// <param name="Verified">The key of every managed schema found unchanged or compared without finding anything (<see cref="SchemaFingerprints"/>): what apply stores.</param>
/// <param name="ComparedSchemas">How many managed schemas were compared object by object (the others had not changed since).</param>
/// <param name="Rows">The record rows the comparison read (without catalog snapshots), with their versions and times: for
/// callers that report them, so the record is read once.</param>
internal sealed record LiveComparison(IReadOnlyList<DeployedArtefact> Records, IReadOnlyList<DriftResult> Drift, int SkippedChecks,
    IReadOnlyDictionary<string, string> Verified, int ComparedSchemas, IReadOnlyList<RecordedRow> Rows);
