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
            bundle = ReadBundle(bundleDirectory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            exitCode = reporter.Fail(ExitCodes.InvalidBundle, RunnerDiagnostics.InvalidBundle.At(SourceLocation.None, bundleDirectory, e.Message));
            return null;
        }

        exitCode = ExitCodes.Success;
        return new Preflight(bundle, connection.ConnectionString!, connection.Database!);
    }

    /// <summary>
    /// A bundle folder, or a <c>.tmbundle</c> file extracted into a fresh temp folder that is deleted once read (the
    /// bundle is held in memory). Both get every check of <see cref="BundleDirectory.Read"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Missing, malformed or tampered with.</exception>
    public static Bundle ReadBundle(string path)
    {
        if (Directory.Exists(path))
        {
            return BundleDirectory.Read(path);
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{path}' is neither a bundle folder nor a {BundleArchive.Extension} file");
        }

        var extractTo = Path.Combine(Path.GetTempPath(), "tenantmodels-bundle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(extractTo);
        try
        {
            return BundleArchive.Read(path, extractTo);
        }
        finally
        {
            BundleDirectory.Delete(extractTo);
        }
    }
}
