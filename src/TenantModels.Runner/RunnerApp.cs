using System;
using System.CommandLine;
using System.IO;
using Spectre.Console;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Commands;

namespace TenantModels.Runner;

/// <summary>
/// The <c>tenantmodels</c> command line. Output writers and the environment are injected so tests run the real
/// CLI in-process and see exactly what a user sees.
/// </summary>
public sealed class RunnerApp
{
    private readonly RunnerContext _context;

    public RunnerApp(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        _context = new RunnerContext(stdout, stderr, environment);
    }

    /// <summary>For an interactive terminal: <paramref name="terminal"/> is the console over <paramref name="stdout"/> that the live display is drawn on.</summary>
    public RunnerApp(IAnsiConsole terminal, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        _context = new RunnerContext(stdout, stderr, environment) { Terminal = terminal };
    }

    public int Run(string[] args)
    {
        var root = new RootCommand("Plans and applies TenantModels bundles on PostgreSQL.");
        root.Subcommands.Add(PlanOptions.CreateCommand(options => new PlanCommand(_context).Run(options)));
        root.Subcommands.Add(ApplyOptions.CreateCommand(options => new ApplyCommand(_context).Run(options)));
        root.Subcommands.Add(StatusOptions.CreateCommand(options => new StatusCommand(_context).Run(options)));
        root.Subcommands.Add(TenantsOptions.CreateCommand(options => new TenantsCommand(_context).Run(options)));
        root.Subcommands.Add(RefreshOptions.CreateCommand(options => new RefreshCommand(_context).Run(options)));
        root.Subcommands.Add(VerifyOptions.CreateCommand(options => new VerifyCommand(_context).Run(options)));
        root.Subcommands.Add(LoginsOptions.CreateCommand(options => new LoginsCommand(_context).Run(options)));
        root.Subcommands.Add(CheckOptions.CreateCommand(options => new CheckCommand(_context).Run(options)));
        root.Subcommands.Add(DocsOptions.CreateCommand(options => new DocsCommand(_context).Run(options)));
        root.Subcommands.Add(TestOptions.CreateCommand(options => new TestCommand(_context).Run(options)));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would exit 1 here; 1 means "apply failed" in our contract, so report usage errors as 2.
            return UsageErrors.Report(root, parsed, _context.Error);
        }

        return parsed.Invoke(new InvocationConfiguration { Output = _context.Out, Error = _context.Error });
    }
}
