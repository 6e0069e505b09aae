using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;

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

    /// <summary>Text for humans; suppressed in JSON mode so stdout stays one parseable document.</summary>
    public void Line(string text)
    {
        if (!Json)
        {
            _context.Out.WriteLine(text);
        }
    }

    public void WriteJson(RunResult result)
    {
        if (Json)
        {
            _context.Out.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        }
    }

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
        diagnostic.Location.Path.Length == 0 ? $"tenantmodels: error {diagnostic.Code}: {diagnostic.Message}" : diagnostic.ToString();

    public static IReadOnlyList<StepResult> Steps(DeploymentPlan plan) => plan.Steps
        .Select(s => new StepResult(s.Instance.Artefact.Id, s.Instance.TenantId, ReasonText(s.Reason), s.Instance.Sql))
        .ToList();

    public static string ReasonText(PlanStepReason reason) => reason == PlanStepReason.New ? "new" : "changed";

    /// <summary>The comment line heading each step in plan output; a valid SQL comment so the plan can be saved and reviewed as a script.</summary>
    public static string StepHeader(PlanStep step)
    {
        var tenant = step.Instance.TenantId is null ? string.Empty : $" (tenant {step.Instance.TenantId})";
        return $"-- {step.Instance.Artefact.Id}{tenant} [{ReasonText(step.Reason)}]";
    }
}
