return new TenantModels.Runner.RunnerApp(System.Console.Out, System.Console.Error, System.Environment.GetEnvironmentVariable).Run(args);
