using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>
/// The table form of a canonical model (<c>canonical: table</c>): one table list-partitioned by the tenant column,
/// one partition per tenant, refreshed by the runner.
/// </summary>
/// <param name="Watermark">A model column; when set, a refresh replaces only the rows at or past the partition's highest value.</param>
/// <param name="Indexes">Declared on the parent table (they cascade to every partition); unique ones lead with the tenant column.</param>
public sealed record BoundCanonicalTable(string? Watermark, IReadOnlyList<BoundIndex> Indexes);
