using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace TenantModels.Runner.Cli;

/// <summary>
/// Reports a command line that does not parse: each error, with "did you mean" for a misspelled command or option,
/// then the help of the command that was being used (not the top-level one), all on stderr so stdout stays JSON-only.
/// </summary>
internal static class UsageErrors
{
    /// <summary>A suggestion must be this close (Levenshtein distance): further than that it is more likely a guess than what was meant.</summary>
    private const int MaxDistance = 2;

    public static int Report(RootCommand root, ParseResult parsed, TextWriter error)
    {
        var command = parsed.CommandResult;
        foreach (var problem in parsed.Errors)
        {
            var suggestion = parsed.UnmatchedTokens
                .Where(token => problem.Message.Contains($"'{token}'", StringComparison.Ordinal))
                .Select(token => (Token: token, Meant: Closest(token, Candidates(command, token))))
                .FirstOrDefault(s => s.Meant is not null);
            error.WriteLine("tenantmodels: error: "
                + (suggestion.Meant is null ? problem.Message : $"{problem.Message.TrimEnd('.')}; did you mean '{suggestion.Meant}'?"));
        }

        error.WriteLine();
        var path = CommandPath(command);
        root.Parse(path.Append("--help").ToArray()).Invoke(new InvocationConfiguration { Output = error, Error = error });
        return ExitCodes.UsageError;
    }

    /// <summary>Names a token may have been meant as: options (and their aliases) where an option was typed, else subcommands.</summary>
    private static IEnumerable<string> Candidates(CommandResult command, string token)
    {
        if (!token.StartsWith("-", StringComparison.Ordinal))
        {
            return command.Command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name));
        }

        var options = command.Command.Options.AsEnumerable();
        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        }

        return options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }

    /// <summary>The subcommands from the root to <paramref name="command"/>, as typed.</summary>
    private static IEnumerable<string> CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var result = command; result?.Parent is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }

    private static string? Closest(string typed, IEnumerable<string> candidates) =>
        candidates
            .Select(c => (Name: c, Distance: Distance(typed, c)))
            .Where(c => c.Distance <= MaxDistance && c.Distance > 0)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
