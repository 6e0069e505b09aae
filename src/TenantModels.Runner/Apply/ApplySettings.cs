using System;

namespace TenantModels.Runner.Apply;

/// <summary>How an apply behaves, from the command line.</summary>
/// <param name="LockTimeout">PostgreSQL <c>lock_timeout</c> for every transaction; zero waits forever.</param>
/// <param name="StatementTimeout">PostgreSQL <c>statement_timeout</c> for every transaction; zero means none.</param>
/// <param name="ReconcileSecurity">Run every roles and grants artefact again, changed or not (<see cref="SecurityReconciliation"/>).</param>
internal sealed record ApplySettings(
    TimeSpan LockWait,
    int LockTimeoutSeconds,
    int StatementTimeoutSeconds,
    bool FailFast,
    bool AllowDataLoss,
    bool AllowSameVersion,
    bool ReconcileSecurity = false);
