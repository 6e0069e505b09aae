using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>
/// A model's <c>description:</c> and its columns' (only those given), for documentation: the manifest's
/// <c>descriptions</c>. Like where a model is defined, left out of the content hash: rewording one changes no object.
/// </summary>
/// <param name="Columns">Column name → description, in declaration order; empty when no column has one.</param>
public sealed record ModelDescription(string Model, string? Description, IReadOnlyList<KeyValuePair<string, string>> Columns);
