using System.Collections.Generic;

namespace TenantModels.Core.Provisioning;

/// <summary>A tenant to create at run time (a signup): its id, display name and the sources it has raw data for.</summary>
public sealed record ProvisioningRequest(string TenantId, string? Name, IReadOnlyList<string> Sources);
