namespace TenantModels.Runner;

/// <summary>The runner's process exit codes. They are a public contract for CI scripts (docs/runner.md): never renumber.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (including "nothing to apply").</summary>
    public const int Success = 0;

    /// <summary>The command failed against the database; an apply was rolled back and changed nothing.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line or configuration (unknown option, no connection, password on the command line).</summary>
    public const int UsageError = 2;

    /// <summary>The bundle is missing, malformed, or its files do not match their checksums.</summary>
    public const int InvalidBundle = 3;

    /// <summary>Another runner held the deployment lock for longer than <c>--lock-wait</c>.</summary>
    public const int LockNotAcquired = 4;

    /// <summary><c>verify</c> found objects that differ from what was deployed.</summary>
    public const int Drift = 5;

    /// <summary>Refused by a safety rule before anything changed: data loss without <c>--allow-data-loss</c>, an older bundle, a bundle of another project, a change the planner cannot make safely.</summary>
    public const int Refused = 6;

    /// <summary>
    /// <c>plan</c> only: the plan was made, but <c>apply</c> with the same options would refuse it (exit 6): another project,
    /// an older or rebuilt same-version bundle, a blocked plan, data loss without <c>--allow-data-loss</c>. Plan itself
    /// refused nothing, hence its own code: a CI step can tell "apply will be refused" from a failed plan.
    /// </summary>
    public const int ApplyWouldRefuse = 7;

    /// <summary><c>check</c> only: one or more artefacts failed when applied to a scratch database (TM3070); nothing else was touched.</summary>
    public const int CheckFailed = 8;

    /// <summary><c>test</c> only: one or more data tests failed (or could not run) for a tenant (TM3090); nothing was changed.</summary>
    public const int TestsFailed = 9;
}
