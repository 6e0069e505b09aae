namespace TenantModels.Benchmarks.Perf;

/// <summary>One row of the performance report.</summary>
/// <param name="Area">What is measured (compile, build, apply).</param>
/// <param name="Shape">The scenario (tenants × models).</param>
/// <param name="Measure">What the value is.</param>
/// <param name="Value">The measured value, formatted, with any ratio or target verdict.</param>
internal sealed record Figure(string Area, string Shape, string Measure, string Value);
