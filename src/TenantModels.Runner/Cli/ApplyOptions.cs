using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels apply</c>.</summary>
/// <param name="LockWaitSeconds">How long to wait for another runner's deployment lock before giving up.</param>
/// <param name="LockTimeoutSeconds">PostgreSQL <c>lock_timeout</c> for each statement, so a busy table fails the apply instead of stalling it.</param>
public sealed record ApplyOptions(string BundleDirectory, string? Connection, bool Json, int LockWaitSeconds, int LockTimeoutSeconds)
{
    public const int DefaultLockWaitSeconds = 30;
    public const int DefaultLockTimeoutSeconds = 10;

    internal static Command CreateCommand(Func<ApplyOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var connection = CommonOptions.Connection();
        var json = CommonOptions.Json();
        var lockWait = new Option<int>("--lock-wait")
        {
            Description = "Seconds to wait for another runner's deployment lock (0: try once).",
            DefaultValueFactory = _ => DefaultLockWaitSeconds,
        };
        lockWait.Validators.Add(r => RejectNegative(r, "--lock-wait"));
        var lockTimeout = new Option<int>("--lock-timeout")
        {
            Description = "Seconds each statement may wait for a table or view lock before the apply fails and rolls back (0: wait forever).",
            DefaultValueFactory = _ => DefaultLockTimeoutSeconds,
        };
        lockTimeout.Validators.Add(r => RejectNegative(r, "--lock-timeout"));

        var command = new Command("apply", "Apply the bundle in one transaction under a deployment lock, and record what was deployed.");
        command.Arguments.Add(bundle);
        command.Options.Add(connection);
        command.Options.Add(json);
        command.Options.Add(lockWait);
        command.Options.Add(lockTimeout);
        command.SetAction(result => run(new ApplyOptions(
            result.GetValue(bundle)!,
            result.GetValue(connection),
            result.GetValue(json),
            result.GetValue(lockWait),
            result.GetValue(lockTimeout))));
        return command;
    }

    private static void RejectNegative(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.GetValueOrDefault<int>() < 0)
        {
            result.AddError($"{name} must be zero or more seconds");
        }
    }
}
