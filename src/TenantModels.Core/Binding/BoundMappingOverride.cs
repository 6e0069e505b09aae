namespace TenantModels.Core.Binding;

/// <summary>
/// One tenant's own mapping of a model from a source: the model's mapping with the tenant's <c>overrides:</c> applied,
/// bound against the tenant's shape of the source. Compiled into that tenant's variant of the staging view.
/// </summary>
public sealed record BoundMappingOverride(string Tenant, string Model, BoundSourceMapping Mapping);
