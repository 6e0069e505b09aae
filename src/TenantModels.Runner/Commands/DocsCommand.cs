using System;
using System.Collections.Generic;
using System.IO;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Documentation;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary><c>docs</c>: writes the bundle's documentation site (<see cref="DocsSite"/>); with <c>--connection</c>, with each tenant's live status.</summary>
internal sealed class DocsCommand
{
    private readonly RunnerContext _context;

    public DocsCommand(RunnerContext context) => _context = context;

    public int Run(DocsOptions options)
    {
        var reporter = new Reporter(_context, "docs", json: false);
        Bundle bundle;
        try
        {
            bundle = Preflight.ReadBundle(options.BundleDirectory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return reporter.Fail(ExitCodes.InvalidBundle, RunnerDiagnostics.InvalidBundle.At(SourceLocation.None, options.BundleDirectory, e.Message));
        }

        IReadOnlyList<TenantLiveStatus>? live = null;
        if (options.Connection is not null)
        {
            live = DocsLiveStatus.Read(_context, reporter, bundle, options.Connection, out var exitCode);
            if (live is null)
            {
                return exitCode;
            }
        }

        try
        {
            DocsSite.Write(bundle, options.Output, live);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DocsNotWritten.At(SourceLocation.None, options.Output, e.Message));
        }

        var manifest = bundle.Manifest;
        reporter.Line($"Wrote the documentation of {manifest.Project} {manifest.BundleVersion} to {Path.GetFullPath(options.Output)} "
            + $"({manifest.Tenants.Count} tenant(s){(live is null ? string.Empty : ", with live status")}): open index.html.");
        return ExitCodes.Success;
    }
}
