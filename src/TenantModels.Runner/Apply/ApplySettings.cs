using System;

namespace TenantModels.Runner.Apply;

/// <summary>How an apply behaves, from the command line.</summary>
/// <param name="LockTimeout">PostgreSQL <c>lock_timeout</c> for every transaction; zero waits forever.</param>
/// <param name="StatementTimeout">PostgreSQL <c>statement_timeout</c> for every transaction; zero means none.</param>
/// <param name="Jobs">How many tenant transactions may run at once, each on its own connection (<see cref="ParallelTenantUnits"/>).</param>
/// <param name="ReplaceProject">The deployed project the bundle's project replaces (<c>--replace-project</c>), or null.</param>
/// <param name="Selection">The tenants whose units run (<c>--tenant</c>, <c>--tier</c>, <c>--where</c>); null: all.</param>
internal sealed record ApplySettings(
    TimeSpan LockWait,
    int LockTimeoutSeconds,
    int StatementTimeoutSeconds,
    bool FailFast,
    bool AllowDataLoss,
    bool AllowSameVersion,
    int Jobs = 1,
    string? ReplaceProject = null,
    Selection.TenantSelection? Selection = null);
