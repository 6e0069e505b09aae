using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Logins;
using TenantModels.Runner.Output;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary><c>logins apply</c>: the logins file against one database or every database of a target map (tenant logins where their tenant lives).</summary>
internal sealed class LoginsCommand
{
    private readonly RunnerContext _context;

    public LoginsCommand(RunnerContext context) => _context = context;

    public int Run(LoginsOptions options)
    {
        var reporter = new Reporter(_context, "logins", options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode, needsConnection: options.Targets is null);
        if (preflight is null)
        {
            return exitCode;
        }

        var (logins, error) = LoginsFile.Read(options.LoginsFile, preflight.Bundle.Manifest, _context.Environment);
        if (error is not null)
        {
            return reporter.Fail(ExitCodes.UsageError, error);
        }

        var manifest = preflight.Bundle.Manifest;
        if (options.Targets is not null)
        {
            return new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets, options.Parallel)
                .Run((target, output, connection, _, include) => LoginApplier.Apply(target, connection, logins!, Holds(manifest, include), output),
                    exit => exit == ExitCodes.Success ? null : "failed", "applied");
        }

        var result = LoginApplier.Apply(preflight.Database, preflight.ConnectionString, logins!, null, TargetOutput.Direct(_context.Out, _context.Error, quiet: options.Json));
        reporter.WriteJson(new RunResult("logins", result.Status, result.ExitCode, manifest.Project, manifest.BundleVersion, manifest.ContentHash,
            Diagnostics: result.Diagnostics.Count == 0 ? null : result.Diagnostics));
        return result.ExitCode;
    }

    /// <summary>Whether a tenant lives in a target-map database, by id.</summary>
    public static Func<string, bool> Holds(BundleManifest manifest, Func<BundleTenant, bool> include) =>
        id => manifest.Tenants.FirstOrDefault(t => t.Id == id) is { } tenant && include(tenant);

    /// <summary>For <c>apply --logins</c>: read and resolve the file before anything is applied.</summary>
    public static (IReadOnlyList<LoginSpec>? Logins, int ExitCode) Prepare(RunnerContext context, Reporter reporter, string? path, BundleManifest manifest)
    {
        if (path is null)
        {
            return (null, ExitCodes.Success);
        }

        var (logins, error) = LoginsFile.Read(path, manifest, context.Environment);
        return error is null ? (logins, ExitCodes.Success) : (null, reporter.Fail(ExitCodes.UsageError, error));
    }
}
