using System;
using System.IO;
using Spectre.Console;

namespace TenantModels.Runner.Output;

/// <summary>
/// The live display of an apply on an interactive terminal: one progress line with done/total transactions, failures,
/// elapsed time, an estimate of the time left, and the tenants in flight. While it is drawn nothing else may write to
/// the terminal (a line printed in between would break the redraw), so the command runs against buffered writers whose
/// text is printed once the display is closed. The display is cleared then: the closing summary says how it ended (and
/// an apply stopped before any plan leaves only its error).
/// </summary>
internal static class LiveProgressDisplay
{
    public static int Run(IAnsiConsole terminal, RunnerContext context, UnitProgress progress, Func<RunnerContext, int> work)
    {
        using var @out = new StringWriter();
        using var error = new StringWriter();
        var buffered = context with { Out = @out, Error = error, Terminal = null };
        var exit = terminal.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(display =>
            {
                var task = display.AddTask(progress.Describe(), autoStart: true, maxValue: 1);
                void Show()
                {
                    // MaxValue 0 would read as complete before anything was planned.
                    task.MaxValue = Math.Max(1, progress.Total);
                    task.Value = progress.Done;
                    task.Description = Markup.Escape(progress.Describe());
                }

                progress.Changed += Show;
                try
                {
                    return work(buffered);
                }
                finally
                {
                    progress.Changed -= Show;
                    Show();
                    display.Refresh();
                }
            });

        context.Error.Write(error.ToString());
        context.Out.Write(@out.ToString());
        return exit;
    }
}
