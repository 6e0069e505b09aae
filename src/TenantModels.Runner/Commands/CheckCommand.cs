using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Check;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>check</c>: the bundle's SQL against a real PostgreSQL before any production database sees it. Creates a scratch
/// database on the development server, applies every artefact for one tenant (<see cref="BundleCheck"/>), and drops the
/// database again, also on failure and on Ctrl-C. A failure names the model's YAML file and line when the bundle knows it.
/// </summary>
internal sealed class CheckCommand
{
    private readonly RunnerContext _context;

    public CheckCommand(RunnerContext context) => _context = context;

    public int Run(CheckOptions options)
    {
        var reporter = new Reporter(_context, "check", options.Json);
        var connection = ConnectionResolver.Resolve(options.DevConnection, _context.Environment);
        if (connection.Error is not null)
        {
            return reporter.Fail(ExitCodes.UsageError, connection.Error);
        }

        Bundle bundle;
        try
        {
            bundle = Preflight.ReadBundle(options.BundleDirectory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return reporter.Fail(ExitCodes.InvalidBundle, RunnerDiagnostics.InvalidBundle.At(SourceLocation.None, options.BundleDirectory, e.Message));
        }

        var manifest = bundle.Manifest;
        var partial = new RunResult("check", "failed", ExitCodes.Failed, manifest.Project, manifest.BundleVersion, manifest.ContentHash);
        ScratchDatabase scratch;
        try
        {
            scratch = ScratchDatabase.Create(connection.ConnectionString!);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "create a scratch database on the development server", ErrorCause.Of(e)), partial: partial);
        }

        var tenant = CheckTenant.For(manifest);
        reporter.Line($"Checking {manifest.Project} {manifest.BundleVersion} for tenant {tenant.Id} in scratch database {scratch.Name}.");
        using var cancellation = new CancellationTokenSource();

        // Ctrl-C or a CI runner's SIGTERM: stop the statement in progress; the database is dropped below, before the process ends.
        Action<PosixSignalContext> interrupt = signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        };
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, interrupt);
        (IReadOnlyList<CheckedArtefact> Artefacts, IReadOnlyList<DataTestResult> DataTests)? results = null;
        try
        {
            results = new BundleCheck(bundle, tenant).Run(scratch.ConnectionString, cancellation.Token);
        }
        catch (Exception e) when (e is OperationCanceledException || (cancellation.IsCancellationRequested && e is NpgsqlException))
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "finish the check", "interrupted"), partial: partial);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "run the check in " + scratch.Name, ErrorCause.Of(e)), partial: partial);
        }
        finally
        {
            if (results is null)
            {
                // Failed, interrupted, or an exception not caught above: the database goes whatever the outcome.
                Drop(scratch, reporter);
            }
        }

        // The results first, then the drop: the output reads in the order things happened.
        var exitCode = Report(reporter, results.Value.Artefacts, results.Value.DataTests, partial, options.ProjectDirectory);
        Drop(scratch, reporter);
        return exitCode;
    }

    private void Drop(ScratchDatabase scratch, Reporter reporter)
    {
        try
        {
            scratch.Dispose();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The check's outcome stands; the user must know a database was left behind, and which.
            _context.Error.WriteLine(Reporter.Format(RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "drop the scratch database " + scratch.Name, ErrorCause.Of(e))));
            return;
        }

        reporter.Line($"Dropped scratch database {scratch.Name}.");
    }

    private int Report(Reporter reporter, IReadOnlyList<CheckedArtefact> results, IReadOnlyList<DataTestResult> tests, RunResult partial, string? projectDirectory)
    {
        var diagnostics = new List<DiagnosticResult>();
        foreach (var result in results)
        {
            var tenant = result.TenantId is null ? string.Empty : $" (tenant {result.TenantId})";
            switch (result.Outcome)
            {
                case CheckOutcome.Passed:
                    reporter.Line($"  ok           {result.ArtefactId}{tenant}");
                    break;
                case CheckOutcome.Failed:
                    reporter.Line($"  FAILED       {result.ArtefactId}{tenant}");
                    var diagnostic = InProject(CheckFailure.Describe(result), projectDirectory);
                    _context.Error.WriteLine(Reporter.Format(diagnostic));
                    diagnostics.Add(new DiagnosticResult(diagnostic.Code, diagnostic.Message, result.ArtefactId, result.TenantId, result.Error!.SqlState));
                    break;
                default:
                    reporter.Line($"  not checked  {result.ArtefactId}{tenant}: {result.Reason}");
                    break;
            }
        }

        var failed = results.Count(r => r.Outcome == CheckOutcome.Failed);
        var notChecked = results.Count(r => r.Outcome is CheckOutcome.NotChecked or CheckOutcome.StoodIn);
        reporter.Line($"Checked {results.Count - notChecked} of {results.Count} artefact(s): {failed} failed, {notChecked} not checked.");
        var testsFailed = ReportDataTests(reporter, tests, diagnostics, projectDirectory);
        var exitCode = failed == 0 && testsFailed == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
        reporter.WriteJson(partial with
        {
            Status = exitCode == ExitCodes.Success ? "ok" : "failed",
            ExitCode = exitCode,
            Steps = results.Select(r => new StepResult(r.ArtefactId, r.TenantId, OutcomeText(r.Outcome) + (r.Reason is null ? string.Empty : ": " + r.Reason), string.Empty)).ToList(),
            Diagnostics = diagnostics.Count == 0 ? null : diagnostics,
        } with
        { Tests = tests.Count == 0 ? null : tests });
        return exitCode;
    }

    /// <summary>
    /// Each data test's query as <c>ok</c> (it ran: the rows it finds in a scratch database say nothing), <c>FAILED</c>
    /// (PostgreSQL rejected it: TM3091 at the test's YAML line) or <c>not checked</c>; returns how many failed.
    /// </summary>
    private int ReportDataTests(Reporter reporter, IReadOnlyList<DataTestResult> tests, List<DiagnosticResult> diagnostics, string? projectDirectory)
    {
        if (tests.Count == 0)
        {
            return 0;
        }

        foreach (var test in tests)
        {
            switch (test.Status)
            {
                case "error":
                    reporter.Line($"  FAILED       test {test.Test}");
                    var diagnostic = InProject(RunnerDiagnostics.DataTestError.At(ModelSqlLocation.Parse(test.DefinedAt), test.Test, test.DefinedAt ?? test.Model, test.Tenant,
                        test.SqlState ?? "-", test.Message ?? "-"), projectDirectory);
                    _context.Error.WriteLine(Reporter.Format(diagnostic));
                    diagnostics.Add(new DiagnosticResult(diagnostic.Code, diagnostic.Message, test.Test, test.Tenant, test.SqlState));
                    break;
                case "skipped":
                    reporter.Line($"  not checked  test {test.Test}: {test.Message}");
                    break;
                default:
                    reporter.Line($"  ok           test {test.Test}");
                    break;
            }
        }

        var errors = tests.Count(t => t.Status == "error");
        var skipped = tests.Count(t => t.Status == "skipped");
        reporter.Line($"Ran {tests.Count - skipped} of {tests.Count} data test query(ies): {errors} failed, {skipped} not checked.");
        return errors;
    }

    /// <summary>With <c>--project-dir</c>: the YAML file by full path, which IDEs open from MSBuild's error list.</summary>
    private static Diagnostic InProject(Diagnostic diagnostic, string? projectDirectory) =>
        projectDirectory is null || diagnostic.Location.Path.Length == 0 || Path.IsPathRooted(diagnostic.Location.Path)
            ? diagnostic
            : diagnostic with { Location = diagnostic.Location with { Path = Path.GetFullPath(Path.Combine(projectDirectory, diagnostic.Location.Path)) } };

    private static string OutcomeText(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        _ => "not checked",
    };
}
