using System.Collections.Generic;

namespace TenantModels.Core.Provisioning;

/// <summary>A tenant to create at run time (a signup): its id, display name and the sources it has raw data for.</summary>
/// <param name="Tier">Its tier, for selection (<c>--tier</c>) and <c>{{ tier }}</c>; none when null (the SQL then takes the registry's default).</param>
/// <param name="Attributes">Its attribute values as written (name → text), each checked against the type the registry declares; the registry's defaults for the others.</param>
public sealed record ProvisioningRequest(string TenantId, string? Name, IReadOnlyList<string> Sources, string? Tier = null, IReadOnlyDictionary<string, string>? Attributes = null);
