namespace TenantModels.Runner.Cli;

/// <summary>The arguments plan, status and verify share (<see cref="CommonOptions.ReadOnlyCommand{TOptions}"/>).</summary>
internal sealed record ReadOnlyArguments(string Bundle, string? Connection, bool Json, string? Targets, int Parallel, string? ReplaceProject, SelectionArguments Selection);
