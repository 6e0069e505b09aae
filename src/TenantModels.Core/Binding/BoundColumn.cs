using TenantModels.Core.Diagnostics;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Binding;

public sealed record BoundColumn(string Name, PostgresType Type, bool Nullable, SourceLocation Location);
