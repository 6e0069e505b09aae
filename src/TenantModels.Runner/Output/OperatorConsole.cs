using System;
using System.IO;
using Spectre.Console;

namespace TenantModels.Runner.Output;

/// <summary>The Spectre.Console console for an operator's terminal: what the live display and coloured output go to.</summary>
internal static class OperatorConsole
{
    /// <summary>
    /// A console over <paramref name="output"/>. Colours follow NO_COLOR (https://no-color.org: set and not empty) as read
    /// from <paramref name="environment"/>, the runner's injected environment. Spectre (0.57) honours NO_COLOR too, but
    /// only from the process environment (not from <see cref="AnsiConsoleSettings.EnvironmentVariables"/>), which tests
    /// and hosts embedding the runner do not control.
    /// </summary>
    /// <param name="colours">What the terminal supports when NO_COLOR is not set (detected by default).</param>
    public static IAnsiConsole Create(TextWriter output, Func<string, string?> environment, bool interactive, ColorSystemSupport colours = ColorSystemSupport.Detect) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            ColorSystem = NoColor(environment) ? ColorSystemSupport.NoColors : colours,
        });

    public static bool NoColor(Func<string, string?> environment) => !string.IsNullOrEmpty(environment("NO_COLOR"));
}
