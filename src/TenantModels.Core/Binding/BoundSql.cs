using System.Collections.Generic;

namespace TenantModels.Core.Binding;

/// <summary>A SELECT written by the user, split into literal text and resolved model references.</summary>
/// <param name="Source">The one source whose staging views it references, if any: the model then exists only for tenants with it.</param>
/// <param name="BodyAt">Where the body's first line is in the YAML (<see cref="Syntax.ModelSyntax.SqlBodyAt"/>); null when unknown.</param>
public sealed record BoundSql(IReadOnlyList<SqlPart> Parts, string? Source, Diagnostics.SourceLocation? BodyAt = null);

/// <summary>Literal SQL text, or (when <see cref="Reference"/> is set) a reference to a model.</summary>
public sealed record SqlPart(string Text, ModelReference? Reference);

/// <summary><c>ref('model')</c>, or <c>ref('model', 'source')</c> for a model built from several sources.</summary>
public sealed record ModelReference(string Model, string? Source);
