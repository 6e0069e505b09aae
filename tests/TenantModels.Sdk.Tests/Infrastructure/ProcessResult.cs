namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>Exit code and combined console output of one <c>dotnet</c> run.</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
