namespace TenantModels.Core.Bundling;

/// <summary>A source as the runner needs it: its raw schema pattern (e.g. <c>&lt;tenant&gt;_raw_outreach</c>), to discover unregistered tenants.</summary>
public sealed record BundleSource(string Name, string RawSchemaPattern);
