using System.Collections.Generic;

namespace TenantModels.Runner.Output;

/// <summary>One data test run for one tenant.</summary>
/// <param name="Test">The test's name in the bundle (<c>orders.status.accepted_values</c>).</param>
/// <param name="Kind">not_null | unique | accepted_values | relationships | expression | row_count | canonical_tenants.</param>
/// <param name="Status">passed | failed | error (the query could not run) | skipped (its object is not deployed for the tenant).</param>
/// <param name="Failing">How many rows fail it (0 when it passed).</param>
/// <param name="Samples">Up to <c>--samples</c> failing rows, each a JSON object as text, in a fixed order.</param>
/// <param name="DefinedAt">Where the test is declared (<c>models/orders.yaml:12:9</c>).</param>
/// <param name="Message">error: the database's message; skipped: why.</param>
/// <param name="SqlState">error: the SQLSTATE of the database's error.</param>
public sealed record DataTestResult(
    string Tenant,
    string Test,
    string Model,
    string? Column,
    string Kind,
    string Status,
    long Failing,
    IReadOnlyList<string>? Samples = null,
    string? DefinedAt = null,
    string? Message = null,
    string? SqlState = null);
