using System;
using TenantModels.Runner;
using TenantModels.Runner.Output;

// Plain lines when stdout is redirected (a log, a pipe, CI); a live display on an operator's terminal.
return Console.IsOutputRedirected
    ? new RunnerApp(Console.Out, Console.Error, Environment.GetEnvironmentVariable).Run(args)
    : new RunnerApp(OperatorConsole.Create(Console.Out, Environment.GetEnvironmentVariable, interactive: true), Console.Out, Console.Error, Environment.GetEnvironmentVariable).Run(args);
