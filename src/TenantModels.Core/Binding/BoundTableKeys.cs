using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>Column lists as declared (shared tables get the tenant column prepended by the compiler).</summary>
public sealed record BoundTableKeys(
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<IReadOnlyList<string>> Unique,
    IReadOnlyList<BoundIndex> Indexes,
    IReadOnlyList<BoundForeignKey> ForeignKeys);

public sealed record BoundIndex(IReadOnlyList<string> Columns, bool Unique);

/// <param name="OnDelete">SQL action: CASCADE, RESTRICT, SET NULL or NO ACTION.</param>
public sealed record BoundForeignKey(IReadOnlyList<string> Columns, string References, IReadOnlyList<string> To, string OnDelete);
