using Spectre.Console;

namespace TenantModels.Runner.Output;

/// <summary>The last line of an apply: its duration and how its transactions ended; coloured on a terminal (unless NO_COLOR).</summary>
internal static class ClosingSummary
{
    public static void Write(RunnerContext context, UnitProgress progress)
    {
        var summary = progress.Summary();
        if (context.Terminal is { } terminal)
        {
            terminal.MarkupLine($"[{(progress.Failed == 0 ? "green" : "red")}]{Markup.Escape(summary)}[/]");
            return;
        }

        context.Out.WriteLine(summary);
    }
}
