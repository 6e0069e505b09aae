using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Selection;

namespace TenantModels.Runner.Output;

/// <summary>
/// Writes results: diagnostics always go to stderr in the canonical <c>error TMxxxx: message</c> form; with
/// <c>--json</c> stdout carries exactly one JSON document, so scripts can parse it without scraping text.
/// </summary>
internal sealed class Reporter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // stdout is read by scripts, not embedded in HTML: keep quotes and non-ASCII tenant names readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly RunnerContext _context;

    public Reporter(RunnerContext context, string command, bool json)
    {
        _context = context;
        Command = command;
        Json = json;
    }

    public string Command { get; }

    public bool Json { get; }

    /// <summary><c>--quiet</c>: text lines are suppressed too; errors still go to stderr.</summary>
    public bool Quiet { get; init; }

    /// <summary>The tenant selection in effect, once resolved: every JSON result says which was used.</summary>
    public TenantSelection? Selection { get; private set; }

    /// <summary>
    /// Resolves the command line's tenant selection against the bundle's registry (TM3060 on a bad <c>--where</c>,
    /// reported here); null selection when none was given. False when it is unusable, with its exit code returned in <paramref name="exitCode"/>.
    /// </summary>
    public bool TrySelect(SelectionArguments? arguments, BundleManifest manifest, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (arguments is null || arguments.IsEmpty)
        {
            return true;
        }

        Selection = arguments.Wave is { } wave ? WaveSelection(wave, manifest, out var error) : TenantSelection.Resolve(arguments, manifest, out error);
        if (error is not null)
        {
            exitCode = Fail(ExitCodes.UsageError, error);
            return false;
        }

        return true;
    }

    /// <summary>The tenants of one rollout wave, as apply --wave would roll it out; TM3063 when the bundle has no such wave.</summary>
    private static TenantSelection? WaveSelection(string name, BundleManifest manifest, out Diagnostic? error) =>
        Waves.RolloutWave.Find(manifest, name, out error)?.Selection;

    /// <summary>Text for humans; suppressed in JSON mode so stdout stays one parseable document.</summary>
    public void Line(string text)
    {
        if (!Json && !Quiet)
        {
            _context.Out.WriteLine(text);
        }
    }

    public void WriteJson(RunResult result)
    {
        if (Json)
        {
            _context.Out.WriteLine(JsonSerializer.Serialize(Selection is null ? result : result with { Selection = Selection.ToResult() }, JsonOptions));
        }
    }

    /// <summary>A diagnostic on stderr while the run goes on (its JSON document, if any, comes at the end).</summary>
    public void Error(Diagnostic diagnostic) => _context.Error.WriteLine(Format(diagnostic));

    /// <summary>Reports a failure and returns <paramref name="exitCode"/> so callers can <c>return reporter.Fail(...)</c>.</summary>
    /// <param name="partial">For JSON: what is known about the run so far (project, steps); its status and diagnostics are replaced.</param>
    public int Fail(int exitCode, Diagnostic diagnostic, DiagnosticResult? detail = null, RunResult? partial = null)
    {
        _context.Error.WriteLine(Format(diagnostic));
        var diagnostics = new[] { detail ?? new DiagnosticResult(diagnostic.Code, diagnostic.Message) };
        WriteJson((partial ?? new RunResult(Command, "error", exitCode)) with { Status = partial is null ? "error" : "failed", ExitCode = exitCode, Diagnostics = diagnostics });
        return exitCode;
    }

    public static string Format(Diagnostic diagnostic) =>
        diagnostic.Location.Path.Length == 0 ? $"tenantmodels: {(diagnostic.IsError ? "error" : "warning")} {diagnostic.Code}: {diagnostic.Message}" : diagnostic.ToString();

    public static IReadOnlyList<StepResult> Steps(DeploymentPlan plan) => plan.Units.SelectMany(Steps).ToList();

    public static IEnumerable<StepResult> Steps(PlanUnit unit) => unit.Steps.Select(s => new StepResult(
        s.ArtefactId, s.TenantId, ReasonText(s.Reason), s.Sql, ActionText(s.Action), unit.Key.ToString(), s.LosesData));

    public static string ActionText(PlanStepAction action) => action switch
    {
        PlanStepAction.Drop => "drop",
        PlanStepAction.Alter => "alter",
        _ => "create",
    };

    public static string ReasonText(PlanStepReason reason) => reason switch
    {
        PlanStepReason.New => "new",
        PlanStepReason.Changed => "changed",
        PlanStepReason.SignatureChanged => "signature changed",
        PlanStepReason.DependencyRecreated => "dependency recreated",
        PlanStepReason.TenantsChanged => "tenants changed",
        PlanStepReason.Removed => "removed",
        PlanStepReason.TableChanged => "table changed",
        PlanStepReason.DefinitionChanged => "definition changed",
        PlanStepReason.TenantRemoved => "tenant removed",
        PlanStepReason.Missing => "missing from the database",
        PlanStepReason.Drifted => "changed outside TenantModels",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The comment line heading each step in plan output; a valid SQL comment so the plan can be saved and reviewed as a script.</summary>
    public static string StepHeader(PlanStep step)
    {
        var tenant = step.TenantId is null ? string.Empty : $" (tenant {step.TenantId})";
        var what = step.Action == PlanStepAction.Drop
            ? "drop: " + ReasonText(step.Reason) + (step.LosesData ? ", DATA LOSS" : string.Empty)
            : step.Action == PlanStepAction.Alter
                ? (step.Reason is PlanStepReason.Drifted ? "repair: " + ReasonText(step.Reason) + ", alter" : "alter") + (step.LosesData ? ", DATA LOSS: " + string.Join(", ", step.DataLossItems!) : string.Empty)
                    + (step.Warnings is { Count: > 0 } ? "; WARNING: " + string.Join("; ", step.Warnings) : string.Empty)
            : step.Reason is PlanStepReason.SignatureChanged or PlanStepReason.DependencyRecreated or PlanStepReason.DefinitionChanged ? "recreate: " + ReasonText(step.Reason)
            : step.Reason is PlanStepReason.Missing or PlanStepReason.Drifted ? "repair: " + ReasonText(step.Reason)
            : ReasonText(step.Reason);
        return $"-- {step.ArtefactId}{tenant} [{what}]";
    }

    /// <summary>Heads each transaction in plan output.</summary>
    public static string UnitHeader(PlanUnit unit) =>
        $"-- ==== {unit.Key} (one transaction, {unit.Steps.Count} step(s)){(unit.Removal ? ": REMOVES THE TENANT" : string.Empty)}";
}
