namespace TenantModels.Core.Documentation;

/// <summary>One box of the lineage graph: a raw source or an artefact that holds rows (view, table, materialized view, partition, seed).</summary>
/// <param name="Id">The artefact id, or <c>source.&lt;name&gt;</c> for a raw source.</param>
/// <param name="Kind"><c>source</c>, <c>staging</c>, <c>view</c>, <c>table</c>, <c>materialized_view</c>, <c>canonical</c>, <c>partition</c> or <c>seed</c>.</param>
/// <param name="Label">What the box shows: the model name, or the source name.</param>
/// <param name="Model">The model the artefact belongs to; null for a source.</param>
/// <param name="Source">The source the node only exists for (tenants without it do not have it); null when every tenant has it.</param>
/// <param name="Object">The qualified object name (a template for tenant scope), or the raw schema pattern for a source.</param>
/// <param name="Scope"><c>global</c>, <c>tenant</c> or <c>union</c>; <c>tenant</c> for a source (one raw schema per tenant).</param>
public sealed record LineageNode(string Id, string Kind, string Label, string? Model, string? Source, string Object, string Scope);

/// <summary>An arrow of the lineage graph: rows of <paramref name="From"/> are read by <paramref name="To"/>.</summary>
public sealed record LineageEdge(string From, string To);
