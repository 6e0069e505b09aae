namespace TenantModels.Core.Syntax;

/// <summary>
/// <c>canonical:</c> as written: <c>true</c> / <c>view</c> (the UNION ALL view), <c>table</c>, or the long form
/// <c>{ form: table, watermark: column, indexes: [...] }</c>. Checked in binding.
/// </summary>
/// <param name="Indexes">Only the <c>indexes</c> key of the long form is used.</param>
public sealed record CanonicalSyntax(
    Located<string> Form,
    Located<string>? Watermark,
    TableKeysSyntax? Indexes,
    Diagnostics.SourceLocation Location);
