using System;

namespace TenantModels.Runner.Output;

/// <summary>
/// How apply and refresh show their progress: a live display on an interactive terminal; a line per transaction when
/// redirected or with <c>--verbose</c>; only errors with <c>--quiet</c>; then, in every text mode, the closing summary.
/// <c>--json</c>: only the JSON document.
/// </summary>
internal static class OperatorOutput
{
    /// <param name="run">The command, against the context to write to; its flag says whether it prints a line per transaction.</param>
    public static int Run(RunnerContext context, bool json, bool quiet, bool verbose, UnitProgress progress, Func<RunnerContext, bool, int> run)
    {
        var exit = context.Terminal is { } terminal && !json && !quiet && !verbose
            ? LiveProgressDisplay.Run(terminal, context, progress, buffered => run(buffered, false))
            : run(context, !quiet);
        if (!json && progress.Planned)
        {
            ClosingSummary.Write(context, progress);
        }

        return exit;
    }
}
