using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>
/// The table form of a canonical model (<c>canonical: table</c>): one table of every tenant's rows, indexed by the
/// tenant column, refreshed by the runner tenant by tenant.
/// </summary>
/// <param name="Watermark">A model column; when set, a refresh replaces only the tenant's rows at or past its highest value.</param>
/// <param name="Indexes">Declared on the table; unique ones lead with the tenant column.</param>
public sealed record BoundCanonicalTable(string? Watermark, IReadOnlyList<BoundIndex> Indexes);
