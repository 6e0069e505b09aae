using System;
using System.IO;
using Spectre.Console;

namespace TenantModels.Runner;

/// <summary>What a command may touch outside the database: its output streams and the environment.</summary>
public sealed record RunnerContext(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    /// <summary>
    /// The operator's interactive terminal, behind <see cref="Out"/>: set only when stdout is one (not redirected to a
    /// file or a pipe), and then apply draws a live display on it. Null: plain lines, as in a log.
    /// </summary>
    public IAnsiConsole? Terminal { get; init; }
}
