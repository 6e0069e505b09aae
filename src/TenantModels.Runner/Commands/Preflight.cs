using System;
using System.IO;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>What every database command checks before touching the database: the connection settings, then the bundle.</summary>
internal sealed record Preflight(Bundle Bundle, string ConnectionString, string Database)
{
    /// <summary>Null with the failure already reported (and its exit code in <paramref name="exitCode"/>) when either is unusable.</summary>
    /// <param name="needsConnection">False when a target map supplies the connections.</param>
    public static Preflight? Run(RunnerContext context, Reporter reporter, string bundleDirectory, string? connectionOption, out int exitCode, bool needsConnection = true)
    {
        var connection = needsConnection ? ConnectionResolver.Resolve(connectionOption, context.Environment) : new ConnectionResolution(string.Empty, string.Empty, null);
        if (connection.Error is not null)
        {
            exitCode = reporter.Fail(ExitCodes.UsageError, connection.Error);
            return null;
        }

        Bundle bundle;
        try
        {
            bundle = BundleDirectory.Read(bundleDirectory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            exitCode = reporter.Fail(ExitCodes.InvalidBundle, RunnerDiagnostics.InvalidBundle.At(SourceLocation.None, bundleDirectory, e.Message));
            return null;
        }

        exitCode = ExitCodes.Success;
        return new Preflight(bundle, connection.ConnectionString!, connection.Database!);
    }
}
