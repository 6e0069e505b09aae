using System.Collections.Generic;
using TenantModels.Core.Naming;

namespace TenantModels.Core.Binding;

/// <summary>The typed model of a project: what the compiler turns into SQL.</summary>
public sealed record BoundProject(
    NamingPattern StagingSchema,
    string CanonicalSchema,
    IReadOnlyList<BoundTenant> Tenants,
    IReadOnlyDictionary<string, BoundSource> Sources,
    IReadOnlyList<BoundModel> Models);
