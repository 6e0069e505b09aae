namespace TenantModels.Generator.Model;

/// <param name="Namespace">The namespace of every generated type (a valid C# namespace).</param>
/// <param name="UseNpgsql">The compilation references Npgsql: emit the typed readers.</param>
internal sealed record EmitOptions(string Namespace, bool UseNpgsql);
