using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Syntax;

/// <summary>
/// A model's <c>schedule:</c> as written: tenant-local times of day (<c>at: ["06:00", "18:00"]</c>) or a pg_cron
/// expression (<c>cron: "0 5 * * 1-5"</c>, in UTC). Checked in binding.
/// </summary>
public sealed record ScheduleSyntax(IReadOnlyList<Located<string>> At, Located<string>? Cron, SourceLocation Location);
